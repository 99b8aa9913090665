'use strict';
// The Node SDK doing what `lpa list --all --json` does for a manager: log in, subscribe to every
// open conversation of the team (SubscribeExConversations, convState OPEN, no agent filter: the
// filter lpa's team subscription uses), print them, one JSON line each, and exit.
const sdk = require('./sdk');

async function main() {
    const cfg = sdk.args();
    const agent = await sdk.connect(cfg);
    const snap = await sdk.firstSnapshot(agent, { convState: ['OPEN'] });
    const out = [];
    for (const ch of snap.changes || []) {
        const r = ch.result;
        const d = r.conversationDetails || {};
        out.push(JSON.stringify({ id: r.convId, skillId: d.skillId, state: d.state, effectiveTTR: r.effectiveTTR,
            participants: d.participants }));
    }
    process.stdout.write(out.join('\n') + '\n');
    console.error(`listed ${out.length}`);
    agent.dispose();
    process.exit(0);
}

main().catch(e => { console.error(e.stack || e); process.exit(1); });
