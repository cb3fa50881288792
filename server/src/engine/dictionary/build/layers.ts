import { ObjectLayer, type TermLayer } from '../layer';
import type { ParsedLayerFile } from '../parse';

const objectLayers = new WeakMap<ParsedLayerFile, ObjectLayer>();

/**
 * A file's concepts as a layer: its packed layer, or its concept objects (made once per parsed file, so that
 * rebuilding a dictionary from the same files derives no surface again). The one place that tells them apart.
 */
export function termLayerOf(file: ParsedLayerFile): TermLayer {
  if (file.packed) return file.packed;
  let layer = objectLayers.get(file);
  if (!layer) objectLayers.set(file, (layer = new ObjectLayer(file)));
  return layer;
}
