'use strict';
// A close-everything bot on a manager login, through the unmodified node-agent-sdk: subscribes to
// every open conversation it may see and closes each one (ConversationStateField CLOSE) without
// joining it first, checking that each leaves the subscription as a DELETE in state CLOSE.
//
//   NODE_EXTRA_CA_CERTS=<sim ca.pem> node close-all.js --csds=127.0.0.1:PORT --account=ACCT \
//       --user=manager1 --password=manager1-pass [--expect=N]
//
// With --expect it also checks that the initial snapshot held exactly N conversations.

const h = require('./lib/harness');

async function main() {
    const run = new h.Run('close-all', h.config());
    const agent = await run.connect();
    const me = agent.agentId;

    const clock = await run.call('getClock', {});
    run.check(clock && typeof clock.currentTime === 'number', `getClock returns a numeric currentTime, got ${JSON.stringify(clock)}`);

    const subFrom = run.events.length;
    const sub = await run.call('subscribeExConversations', { convState: ['OPEN'] });
    run.check(sub && sub.subscriptionId, `subscribeExConversations returns a subscriptionId, got ${JSON.stringify(sub)}`);
    // The first notification after the response is the complete starting set (decisions.md #5).
    const snapshot = await run.waitFor('cqm.ExConversationChangeNotification', b => b, 'the initial snapshot', subFrom);
    const ids = [];
    for (const ch of snapshot.changes) {
        run.check(ch.type === 'UPSERT', `the snapshot holds only UPSERTs: ${JSON.stringify(ch.type)}`);
        h.checkTransformed(run, ch.result.conversationDetails, ch.result.convId);
        run.check(ch.result.conversationDetails.state === 'OPEN', `${ch.result.convId} in the OPEN snapshot is OPEN`);
        ids.push(ch.result.convId);
    }
    if (run.cfg.expect !== undefined) {
        run.check(ids.length === Number(run.cfg.expect), `the snapshot holds ${run.cfg.expect} conversations, got ${ids.length}: ${ids}`);
    }
    run.check(ids.length > 0, 'there is at least one open conversation to close');

    for (const convId of ids) {
        const from = run.events.length;
        await run.call('updateConversationField', { conversationId: convId,
            conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] });
        const gone = await run.waitFor('cqm.ExConversationChangeNotification', b => h.convChange(b, convId, 'DELETE'),
            `a DELETE of ${convId}`, from);
        const d = gone.result.conversationDetails;
        h.checkTransformed(run, d, convId);
        run.check(d.state === 'CLOSE', `${convId} left as CLOSE, got ${d.state}`);
        run.check(h.rolesOf(d, me).length === 0, `closing did not make the manager a participant of ${convId}: ${JSON.stringify(d.participants)}`);
    }

    const open = await run.admin('GET', '/admin/conversations');
    const left = ids.filter(id => open.open.includes(id));
    run.check(left.length === 0, `every closed conversation is gone from the simulator's open list, still open: ${left}`);

    await run.settle(500);
    console.log(`closed ${ids.length}: ${ids.join(' ')}`);
    run.pass(`closed ${ids.length} conversations`);
}

main().catch(e => {
    console.error(`FAIL close-all: ${e.stack || e}`);
    process.exit(1);
});
