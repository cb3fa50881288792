"""LibreOffice (headless, over UNO) reads .docx files for MedTerm's tests.

Usage (soffice must accept on the pipe):
  /usr/bin/python3 libreoffice.py PIPE_NAME convert OUT_DIR FILE...   saves each file as OUT_DIR/NAME.docx
  /usr/bin/python3 libreoffice.py PIPE_NAME inspect FILE...
inspect prints one JSON object: for each file, the tracked changes LibreOffice sees (author, type) and the text
of the paragraphs (body in order, table cells included, then footnotes and endnotes) as loaded, after
"accept all" and after "reject all", and after a round trip through .odt and back to .docx.
"""
import json
import os
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def paragraphs_of(text):
    out = []
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                out.extend(paragraphs_of(element.getCellByName(name).getText()))
        elif element.supportsService("com.sun.star.text.Paragraph"):
            out.append(element.getString())
    return out


def view(document):
    body = paragraphs_of(document.getText())
    notes = []
    for collection in (document.getFootnotes(), document.getEndnotes()):
        for index in range(collection.getCount()):
            notes.extend(paragraphs_of(collection.getByIndex(index).getText()))
    return [p for p in body + notes if p.strip()]


def redlines(document):
    out = []
    enumeration = document.getRedlines().createEnumeration()
    while enumeration.hasMoreElements():
        redline = enumeration.nextElement()
        out.append({"author": redline.getPropertyValue("RedlineAuthor"), "type": redline.getPropertyValue("RedlineType")})
    return out


def convert(desktop, out_dir, files):
    for path in files:
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
        name = os.path.splitext(os.path.basename(path))[0] + ".docx"
        document.storeToURL(uno.systemPathToFileUrl(os.path.join(os.path.abspath(out_dir), name)), (prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
    print(json.dumps({"converted": len(files)}))


def main():
    pipe, command, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    context = connect(pipe)
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    if command == "convert":
        return convert(desktop, files[0], files[1:])
    result = {}
    for path in files:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        entry = {}
        for mode in ("load", "accept", "reject"):
            document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if mode == "load":
                entry["redlines"] = redlines(document)
                entry["load"] = view(document)
            else:
                frame = document.getCurrentController().getFrame()
                command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
                dispatcher.executeDispatch(frame, command, "", 0, ())
                entry[mode] = view(document)
                entry[mode + "Redlines"] = len(redlines(document))
            if mode == "load":
                # Round trip: save as .odt and as .docx, reload the .docx: the same text and changes.
                folder = tempfile.mkdtemp(prefix="medterm-lo-")
                odt = uno.systemPathToFileUrl(os.path.join(folder, "copy.odt"))
                docx = uno.systemPathToFileUrl(os.path.join(folder, "copy.docx"))
                document.storeToURL(odt, (prop("FilterName", "writer8"),))
                document.storeToURL(docx, (prop("FilterName", "MS Word 2007 XML"),))
                again = desktop.loadComponentFromURL(docx, "_blank", 0, (prop("Hidden", True),))
                entry["roundTrip"] = view(again)
                entry["roundTripRedlines"] = len(redlines(again))
                again.close(True)
            document.close(True)
        result[path] = entry
    print(json.dumps(result, ensure_ascii=False))


main()
