// textlint-rule-prh ships no types; the test only passes it to textlint's kernel.
declare module 'textlint-rule-prh';
