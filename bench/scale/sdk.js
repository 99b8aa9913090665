'use strict';
// The reference side of the scale benchmarks: LivePerson's node-agent-sdk 1.2.0 as pinned in
// conformance/node (run `npm ci` there once), used as published.
const path = require('path');
const { Agent } = require(path.join(__dirname, '../../conformance/node/node_modules/node-agent-sdk'));

function args() {
    const out = {};
    for (const a of process.argv.slice(2)) {
        const m = /^--([^=]+)=(.*)$/.exec(a);
        if (m) out[m[1]] = m[2];
    }
    for (const k of ['csds', 'account', 'user', 'password']) {
        if (!out[k]) {
            console.error(`usage: node ${path.basename(process.argv[1])} --csds=HOST:PORT --account=A --user=U --password=P`);
            process.exit(2);
        }
    }
    return out;
}

function connect(cfg) {
    const agent = new Agent({ accountId: cfg.account, username: cfg.user, password: cfg.password, csdsDomain: cfg.csds });
    agent.on('error', e => { console.error(`sdk error: ${e && e.message || e}`); process.exit(1); });
    return new Promise(resolve => agent.once('connected', () => resolve(agent)));
}

function call(agent, method, body) {
    return new Promise((resolve, reject) => agent[method](body, (err, resp) => err ? reject(err) : resolve(resp)));
}

/** Subscribes and resolves with the first notification of that subscription (its whole set). */
function firstSnapshot(agent, filter) {
    return new Promise((resolve, reject) => {
        let subId = null;
        const early = [];
        const onChange = body => {
            if (subId === null) { early.push(body); return; }
            if (body.subscriptionId === subId) { agent.removeListener('cqm.ExConversationChangeNotification', onChange); resolve(body); }
        };
        agent.on('cqm.ExConversationChangeNotification', onChange);
        call(agent, 'subscribeExConversations', filter).then(resp => {
            subId = resp.subscriptionId;
            const hit = early.find(b => b.subscriptionId === subId);
            if (hit) { agent.removeListener('cqm.ExConversationChangeNotification', onChange); resolve(hit); }
        }, reject);
    });
}

module.exports = { args, connect, call, firstSnapshot };
