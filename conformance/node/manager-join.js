'use strict';
// A team manager, through the unmodified node-agent-sdk: subscribes to the open conversations it
// may see (its team's), joins one as MANAGER (ParticipantsChange ADD), greets the consumer and
// checks the greeting comes back with its own PID.
//
//   NODE_EXTRA_CA_CERTS=<sim ca.pem> node manager-join.js --csds=127.0.0.1:PORT --account=ACCT \
//       --user=manager1 --password=manager1-pass [--conversation=CONV_ID]
//
// Without --conversation it joins the first open conversation that has an assigned agent and
// does not include this manager yet.

const h = require('./lib/harness');

const GREETING = 'Hi, I am the team lead and I have joined to help';

async function main() {
    const run = new h.Run('manager-join', h.config());
    const agent = await run.connect();
    const me = agent.agentId;

    const clock = await run.call('getClock', {});
    run.check(clock && typeof clock.currentTime === 'number', `getClock returns a numeric currentTime, got ${JSON.stringify(clock)}`);

    await run.call('setAgentState', { availability: 'AWAY' });
    const subFrom = run.events.length;
    const sub = await run.call('subscribeExConversations', { convState: ['OPEN'] });
    run.check(sub && sub.subscriptionId, `subscribeExConversations returns a subscriptionId, got ${JSON.stringify(sub)}`);

    const wanted = run.cfg.conversationId;
    const target = await run.waitFor('cqm.ExConversationChangeNotification', b => (b.changes || []).find(ch => {
        if (ch.type !== 'UPSERT') return false;
        if (wanted) return ch.result.convId === wanted;
        const d = ch.result.conversationDetails;
        return d.participants.some(p => p.role === 'ASSIGNED_AGENT') && h.rolesOf(d, me).length === 0;
    }), wanted ? `an UPSERT of ${wanted}` : 'an open team conversation with an assigned agent', subFrom);
    const convId = target.result.convId;
    const before = target.result.conversationDetails;
    h.checkTransformed(run, before, convId);
    run.check(h.rolesOf(before, me).length === 0 && before.__myRole === undefined,
        `the manager is not yet a participant of ${convId}: ${JSON.stringify(before.participants)}`);
    const assigned = before.participants.filter(p => p.role === 'ASSIGNED_AGENT');
    run.check(assigned.length === 1, `${convId} has one assigned agent: ${JSON.stringify(before.participants)}`);

    const joinFrom = run.events.length;
    await run.call('updateConversationField', { conversationId: convId,
        conversationField: [{ field: 'ParticipantsChange', type: 'ADD', role: 'MANAGER' }] });
    const joined = await run.waitFor('cqm.ExConversationChangeNotification', b => {
        const ch = h.convChange(b, convId, 'UPSERT');
        return ch && h.rolesOf(ch.result.conversationDetails, me).includes('MANAGER') ? ch : null;
    }, `an UPSERT of ${convId} with this manager's PID as MANAGER`, joinFrom);
    const details = joined.result.conversationDetails;
    h.checkTransformed(run, details, convId);
    run.check(details.__myRole === 'MANAGER', `the SDK found its legacy id among the MANAGERs (__myRole), got ${details.__myRole}`);
    run.check(details.participants.some(p => p.role === 'ASSIGNED_AGENT' && p.id === assigned[0].id),
        `the assigned agent stays assigned after the join: ${JSON.stringify(details.participants)}`);
    const dialog = h.mainDialog(details);
    run.check(dialog && dialog.participantsDetails.some(p => p.id === me && p.role === 'MANAGER'),
        `the MAIN dialog lists this manager's PID as MANAGER: ${JSON.stringify(dialog)}`);

    const published = await run.call('publishEvent', { dialogId: dialog.dialogId,
        event: { type: 'ContentEvent', contentType: 'text/plain', message: GREETING } });
    run.check(published && typeof published.sequence === 'number', `publishEvent returns a sequence, got ${JSON.stringify(published)}`);
    const echo = await run.waitFor('ms.MessagingEventNotification', b => b.dialogId === dialog.dialogId
        && b.changes.find(c => c.event && c.event.message === GREETING), 'the echo of my greeting', joinFrom);
    run.check(echo.originatorId === me, `my greeting's originatorId is my PID ${me} after the SDK's swap, got ${echo.originatorId}`);
    run.check(echo.__isMe === true, `the SDK marks my greeting as mine: ${JSON.stringify(echo)}`);
    run.check(echo.sequence === published.sequence, `the echo carries the sequence the response gave (${published.sequence}), got ${echo.sequence}`);
    if (echo.originatorMetadata) {
        run.check(echo.originatorMetadata.id === me && echo.originatorMetadata.role === 'MANAGER',
            `originatorMetadata names me as MANAGER: ${JSON.stringify(echo.originatorMetadata)}`);
    }

    await run.settle(500);
    console.log(`joined ${convId} greeting-seq=${published.sequence}`);
    run.pass(`joined ${convId} as MANAGER and greeted (seq ${published.sequence})`);
}

main().catch(e => {
    console.error(`FAIL manager-join: ${e.stack || e}`);
    process.exit(1);
});
