// Parses an AsyncAPI document with @asyncapi/parser (its own validation: the AsyncAPI JSON Schema, references,
// and its spectral ruleset) and prints {"parsed": bool, "diagnostics": [{code, severity, path, message}]} as JSON.
const { Parser } = require('@asyncapi/parser');
const fs = require('fs');

(async () => {
  const file = process.argv[2];
  const { document, diagnostics } = await new Parser().parse(fs.readFileSync(file, 'utf8'), { source: file });
  process.stdout.write(JSON.stringify({
    parsed: document !== undefined,
    diagnostics: diagnostics.map(d => ({ code: String(d.code), severity: d.severity, path: d.path, message: d.message })),
  }));
})().catch(e => { console.error(e && e.stack ? e.stack : e); process.exit(2); });
