// node-soap (npm "soap") against server.php: reads the Yii-style WSDL
// (golden/service.wsdl, byte-equal to soap.Service.WSDL()) unchanged, calls
// functions, and records the request envelopes it sends as
// ../requests/client_node_*.xml (golden.php then records the server's
// answers). Install node-soap outside the repository:
//   (mkdir -p /tmp/kycsim-node-soap && cd /tmp/kycsim-node-soap && npm i soap)
//   NODE_PATH=/tmp/kycsim-node-soap/node_modules node clients/node_client.js http://127.0.0.1:8099
const fs = require('fs');
const path = require('path');
const soap = require('soap');

const base = process.argv[2] || 'http://127.0.0.1:8099';
const dir = path.dirname(__dirname);
const report = [];

async function call(client, fn, args, save) {
  try {
    const [result] = await client[fn + 'Async'](args);
    report.push(`${fn}(${JSON.stringify(args)}) → ${JSON.stringify(result)}`);
  } catch (e) {
    const fault = e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault;
    report.push(`${fn}(${JSON.stringify(args)}) → error ${fault ? JSON.stringify(fault) : e.message}`);
  }
  if (save) fs.writeFileSync(path.join(dir, 'requests', save + '.xml'), client.lastRequest);
}

(async () => {
  const client = await soap.createClientAsync(base + '/api/wsdl', {}, base + '/api/wsdl?ws=1');
  report.push('node-soap ' + require('soap/package.json').version);
  const port = client.describe().ApiControllerService.ApiControllerPort;
  report.push('describe() operations and inputs → ' + JSON.stringify(Object.fromEntries(Object.entries(port).map(([k, v]) => [k, v.input]))));
  await call(client, 'login', { signature: 'PfjPgL9s\ncoPLIA2n==', username: 'lietotaja_vards', password: 'parole', role_id: 1234 }, 'client_node_login');
  await call(client, 'typed', { s: 'ārā & <x> "q"', i: 42, b: true, list: { item: ['a', 'b/c', 'ā'] } }, 'client_node_typed');
  await call(client, 'typed', { i: 7, b: false }, 'client_node_typed_partial');
  await call(client, 'typed', { s: null, i: 7 }); // node-soap 1.13 throws on null before sending
  await call(client, 'get_items', { count: 2 }, 'client_node_get_items');
  await call(client, 'get_tags', { count: 0 });
  await call(client, 'nulls', {});
  await call(client, 'texts', {});
  await call(client, 'fail', { code: 'Client', message: 'bad & <worse>', actor: '', detail: '' });
  fs.writeFileSync(path.join(__dirname, 'node_client_report.txt'), report.join('\n') + '\n');
  console.log(report.join('\n'));
})().catch((e) => { console.error(e); process.exit(1); });
