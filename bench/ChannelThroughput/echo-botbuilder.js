// botbuilder-js echo bot, development mode (no app id), for the ChannelThroughput comparison.
const http = require('http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const logic = async (context) => { if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text}`); };
http.createServer((req, res) => {
  if (req.method === 'GET') { res.writeHead(200); res.end('ok'); return; }
  let body = '';
  req.on('data', c => body += c);
  req.on('end', async () => {
    req.body = JSON.parse(body);
    const shim = { socket: res.socket, status(c) { res.statusCode = c; return this; }, header(k, v) { res.setHeader(k, v); return this; },
      send(b) { if (b !== undefined) res.write(typeof b === 'string' ? b : JSON.stringify(b)); return this; }, end() { res.end(); return this; } };
    try { await adapter.process(req, shim, logic); } catch (e) { res.statusCode = 500; res.end(String(e)); }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
