'use strict';
// The Node SDK's side of the comparison: log in, open the socket, subscribe to the agent's open
// conversations, print how many the first notification lists, and leave. The same job as
// `lpa list --json` without a session.
//
//   NODE_EXTRA_CA_CERTS=<sim ca.pem> node login-and-list.js CSDS ACCOUNT USER PASSWORD

const path = require('path');
const { Agent } = require(path.join(__dirname, '../../conformance/node/node_modules/node-agent-sdk'));

const [csdsDomain, accountId, username, password] = process.argv.slice(2);
if (!password) {
    console.error('usage: node login-and-list.js CSDS ACCOUNT USER PASSWORD');
    process.exit(2);
}
const deadline = setTimeout(() => { console.error('timed out'); process.exit(1); }, 30000);
const agent = new Agent({ accountId, username, password, csdsDomain });
agent.on('error', (e) => { console.error('error', e && e.message); process.exit(1); });
agent.on('cqm.ExConversationChangeNotification', (body) => {
    const open = (body.changes || []).filter((c) => c.type === 'UPSERT').map((c) => c.result.convId);
    console.log(JSON.stringify(open));
    clearTimeout(deadline);
    agent.dispose();
    process.exit(0);
});
agent.once('connected', () => {
    agent.subscribeExConversations({ agentIds: [agent.agentId], convState: ['OPEN'] }, (err) => {
        if (err) { console.error('subscribe failed', err.message || err); process.exit(1); }
    });
});
