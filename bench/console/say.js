'use strict';
// Consumers writing at a steady rate through the simulator's admin surface, for the console
// benchmark: RATE messages a second for SECONDS seconds, spread round-robin over the open
// conversations. Prints how many were sent and how many the simulator refused.
//   node say.js --base=https://127.0.0.1:PORT --rate=50 --seconds=20   (NODE_EXTRA_CA_CERTS=ca.pem)
const https = require('https');

const cfg = {};
for (const a of process.argv.slice(2)) {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (m) cfg[m[1]] = m[2];
}
const base = new URL(cfg.base);
const rate = Number(cfg.rate || 50);
const seconds = Number(cfg.seconds || 20);
const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });

function request(method, path, body) {
    return new Promise((resolve, reject) => {
        const data = body === undefined ? null : JSON.stringify(body);
        const req = https.request({ hostname: base.hostname, port: base.port, path, method, agent,
            headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} },
        res => {
            let text = '';
            res.on('data', d => { text += d; });
            res.on('end', () => res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`)));
        });
        req.on('error', reject);
        if (data) req.write(data);
        req.end();
    });
}

async function main() {
    const open = JSON.parse(await request('GET', '/admin/conversations')).open;
    if (!open.length) throw new Error('no open conversation to write into');
    const total = Math.round(rate * seconds);
    const start = Date.now();
    let sent = 0, failed = 0, next = 0;
    const inFlight = [];
    // each message leaves at its own time (start + k / rate), so a slow answer does not slow the rate
    for (let k = 0; k < total; k++) {
        const due = start + (k * 1000) / rate;
        const wait = due - Date.now();
        if (wait > 0) await new Promise(r => setTimeout(r, wait));
        const id = open[next++ % open.length];
        inFlight.push(request('POST', `/admin/conversations/${id}/says`, { text: `load message ${k + 1}` })
            .then(() => { sent++; }, () => { failed++; }));
    }
    await Promise.all(inFlight);
    const took = (Date.now() - start) / 1000;
    console.log(`sent ${sent} failed ${failed} in ${took.toFixed(1)} s`);
    agent.destroy();
}

main().catch(e => { console.error(e.stack || e); process.exit(1); });
