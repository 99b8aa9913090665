'use strict';
// The Node SDK returning every open conversation of the logged-in agent to the queue, one awaited
// request at a time (the SDK's plain way: updateConversationField ParticipantsChange REMOVE).
const sdk = require('./sdk');

async function main() {
    const cfg = sdk.args();
    const agent = await sdk.connect(cfg);
    const me = agent.__oldAgentId;
    const snap = await sdk.firstSnapshot(agent, { agentIds: [me], convState: ['OPEN'] });
    const ids = (snap.changes || []).map(ch => ch.result.convId);
    const t0 = Date.now();
    let failed = 0;
    for (const id of ids) {
        try {
            await sdk.call(agent, 'updateConversationField', { conversationId: id,
                conversationField: [{ field: 'ParticipantsChange', type: 'REMOVE', userId: me, role: 'ASSIGNED_AGENT' }] });
        } catch (e) {
            failed++;
        }
    }
    console.error(`returned ${ids.length - failed} of ${ids.length} in ${Date.now() - t0} ms`);
    agent.dispose();
    process.exit(failed ? 5 : 0);
}

main().catch(e => { console.error(e.stack || e); process.exit(1); });
