'use strict';
// An agent's whole day with one conversation, through the unmodified node-agent-sdk:
// connect, getClock, go ONLINE, subscribe to rings and to its own conversations, accept the ring
// for a conversation the simulator's admin API opens, read the history, reply, mark the
// consumer's messages READ, and close the conversation when the consumer writes "#close".
//
//   NODE_EXTRA_CA_CERTS=<sim ca.pem> node agent-flow.js --csds=127.0.0.1:PORT --account=ACCT \
//       --user=agent1 --password=agent1-pass
//
// Requires a simulator started with the admin surface on and no other agent online for the
// default skill, so the ring goes to this agent.

const h = require('./lib/harness');

const FIRST = 'Hello, my parcel did not arrive';
const SECOND = 'Order 4711, sent last Monday';
const REPLY = 'Sorry to hear that, let me check order 4711';
const CLOSE = '#close thanks, all good';
const EMAIL = 'conformance.consumer@example.com';
const PHONE = '+15550100199';

async function main() {
    const run = new h.Run('agent-flow', h.config());
    const agent = await run.connect();
    const me = agent.agentId;

    const clock = await run.call('getClock', {});
    run.check(clock && typeof clock.currentTime === 'number', `getClock returns a numeric currentTime, got ${JSON.stringify(clock)}`);
    run.check(Math.abs(clock.currentTime - Date.now()) < 5 * 60 * 1000,
        `getClock currentTime ${clock.currentTime} is close to this machine's clock ${Date.now()}`);

    await run.call('setAgentState', { availability: 'ONLINE' });
    // The SDK rewrites our PID in agentIds to the legacy id the server expects.
    const sub = await run.call('subscribeExConversations', { agentIds: [me], convState: ['OPEN'] });
    run.check(sub && sub.subscriptionId, `subscribeExConversations returns a subscriptionId, got ${JSON.stringify(sub)}`);
    const tasks = await run.call('subscribeRoutingTasks', {});
    run.check(tasks && tasks.subscriptionId, `subscribeRoutingTasks returns a subscriptionId, got ${JSON.stringify(tasks)}`);

    const created = await run.admin('POST', '/admin/conversations',
        { skillId: 1001, consumerName: 'Conformance Consumer', consumerEmail: EMAIL, consumerPhone: PHONE,
            messages: [FIRST, SECOND] });
    const convId = created.conversationId;
    run.check(typeof convId === 'string' && convId.length > 0, `admin created a conversation, got ${JSON.stringify(created)}`);

    const waiting = await run.waitFor('routing.RoutingTaskNotification', b => h.ringOf(b, convId, 'WAITING'),
        `a WAITING ring for ${convId}`);
    const ringId = waiting.ring.ringId;
    run.check(typeof ringId === 'string' && ringId.length > 0, `the ring has a ringId: ${JSON.stringify(waiting.ring)}`);
    run.check(waiting.change.result.taskCompleted === false, `a WAITING task is not completed: ${JSON.stringify(waiting.change.result)}`);
    const consumerId = waiting.change.result.consumerId;
    run.check(typeof consumerId === 'string' && consumerId.length > 0, `the routing task names the consumer: ${JSON.stringify(waiting.change.result)}`);

    // A ring banner shows who is waiting: the ringed agent may read the profile before accepting.
    checkProfile(run, await run.call('getUserProfile', consumerId), consumerId, 'while the ring is WAITING');

    await run.call('updateRingState', { ringId, ringState: 'ACCEPTED' });
    const accepted = await run.waitFor('routing.RoutingTaskNotification', b => h.ringOf(b, convId, 'ACCEPTED'),
        `the ring of ${convId} in state ACCEPTED`);
    run.check(accepted.change.result.taskCompleted === true, `an ACCEPTED task is completed: ${JSON.stringify(accepted.change.result)}`);

    const upsert = await run.waitFor('cqm.ExConversationChangeNotification', b => {
        const ch = h.convChange(b, convId, 'UPSERT');
        return ch && h.rolesOf(ch.result.conversationDetails, me).includes('ASSIGNED_AGENT') ? ch : null;
    }, `an UPSERT of ${convId} with this agent's PID as ASSIGNED_AGENT`);
    const details = upsert.result.conversationDetails;
    h.checkTransformed(run, details, convId);
    run.check(details.__myRole === 'ASSIGNED_AGENT', `the SDK found its legacy id in participants (__myRole), got ${details.__myRole}`);
    run.check(h.rolesOf(details, consumerId).includes('CONSUMER'), `the consumer is a CONSUMER participant: ${JSON.stringify(details.participants)}`);
    run.check(details.state === 'OPEN', `the accepted conversation is OPEN, got ${details.state}`);
    const dialog = h.mainDialog(details);
    run.check(dialog, `the conversation has a MAIN dialog: ${JSON.stringify(details.dialogs)}`);
    run.check(dialog.participantsDetails.some(p => p.id === me && p.role === 'ASSIGNED_AGENT'),
        `the MAIN dialog lists this agent's PID as ASSIGNED_AGENT: ${JSON.stringify(dialog.participantsDetails)}`);
    const dialogId = dialog.dialogId;

    const sdes = await run.call('getUserProfile', consumerId);
    checkProfile(run, sdes, consumerId, 'after accepting');

    // History: the SDK turns the QueryMessages$Response into one ms.MessagingEventNotification.
    const before = run.events.length;
    await run.call('subscribeMessagingEvents', { dialogId, fromSeq: 0 });
    const history = await run.waitFor('ms.MessagingEventNotification', b => b.dialogId === dialogId
        && b.changes.some(c => c.event && c.event.message === FIRST) ? b : null, `the history of dialog ${dialogId}`, before);
    const texts = history.changes.filter(c => c.event.type === 'ContentEvent');
    run.check(texts.length === 2 && texts[0].event.message === FIRST && texts[1].event.message === SECOND,
        `the history holds the consumer's two messages in order: ${JSON.stringify(history.changes)}`);
    for (const c of texts) {
        run.check(c.originatorId === consumerId && c.__isMe === false,
            `history events from the consumer carry its id and are not mine: ${JSON.stringify(c)}`);
    }
    h.checkIncreasing(run, history.changes.map(c => c.sequence), 'history');
    const consumerSeqs = texts.map(c => c.sequence);

    const live = [];   // every live (non-history) event of this dialog, in arrival order
    agent.on('ms.MessagingEventNotification', b => {
        if (b.dialogId === dialogId && b.changes.length === 1 && !history.changes.includes(b.changes[0])) live.push(b.changes[0]);
    });
    const afterHistory = run.events.length;

    const published = await run.call('publishEvent', { dialogId, event: { type: 'ContentEvent', contentType: 'text/plain', message: REPLY } });
    run.check(published && typeof published.sequence === 'number', `publishEvent returns a sequence, got ${JSON.stringify(published)}`);
    run.check(published.sequence > Math.max(...consumerSeqs), `my reply's sequence ${published.sequence} follows the consumer's ${consumerSeqs}`);
    const echo = await run.waitFor('ms.MessagingEventNotification', b => b.dialogId === dialogId
        && b.changes.find(c => c.event && c.event.message === REPLY), 'the echo of my reply', afterHistory);
    run.check(echo.originatorId === me, `my echo's originatorId is my PID ${me} after the SDK's swap, got ${echo.originatorId}`);
    run.check(echo.__isMe === true, `the SDK marks my echo as mine (originatorId was my legacy id): ${JSON.stringify(echo)}`);
    run.check(echo.sequence === published.sequence, `my echo carries the sequence the response gave (${published.sequence}), got ${echo.sequence}`);

    await run.call('publishEvent', { dialogId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: consumerSeqs } });
    const readEcho = await run.waitFor('ms.MessagingEventNotification', b => b.dialogId === dialogId
        && b.changes.find(c => c.event && c.event.type === 'AcceptStatusEvent' && c.event.status === 'READ'
            && c.originatorId === me), 'the echo of my READ receipt', afterHistory);
    run.check(JSON.stringify(readEcho.event.sequenceList) === JSON.stringify(consumerSeqs),
        `my READ receipt names the consumer's sequences ${JSON.stringify(consumerSeqs)}: ${JSON.stringify(readEcho.event)}`);

    await run.admin('POST', `/admin/conversations/${encodeURIComponent(convId)}/says`, { text: CLOSE });
    const closeMsg = await run.waitFor('ms.MessagingEventNotification', b => b.dialogId === dialogId
        && b.changes.find(c => c.event && typeof c.event.message === 'string' && c.event.message.startsWith('#close')),
        'the consumer\'s #close message', afterHistory);
    run.check(closeMsg.originatorId === consumerId && closeMsg.__isMe === false,
        `#close comes from the consumer: ${JSON.stringify(closeMsg)}`);

    const deleteFrom = run.events.length;
    await run.call('updateConversationField', { conversationId: convId,
        conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] });
    const gone = await run.waitFor('cqm.ExConversationChangeNotification', b => h.convChange(b, convId, 'DELETE'),
        `a DELETE of ${convId}`, deleteFrom);
    const closedDetails = gone.result.conversationDetails;
    h.checkTransformed(run, closedDetails, convId);
    run.check(closedDetails.state === 'CLOSE', `the DELETE carries state CLOSE, got ${closedDetails.state}`);
    run.check(closedDetails.closeReason === 'AGENT', `the close reason is AGENT, got ${closedDetails.closeReason}`);

    const seqs = live.filter(c => c.event.type !== 'ChatStateEvent').map(c => c.sequence);
    run.check(seqs.length >= 3, `at least my reply, my receipt and the #close arrived live: ${JSON.stringify(seqs)}`);
    h.checkIncreasing(run, [...consumerSeqs, ...seqs], 'dialog ' + dialogId);

    const afterDelete = run.events.length;
    const open = await run.admin('GET', '/admin/conversations');
    run.check(!open.open.includes(convId), `${convId} is no longer open: ${JSON.stringify(open)}`);

    await run.settle(500);
    // LP's example bots throw on any event for a conversation after its DELETE.
    const late = run.events.slice(afterDelete).filter(ev => JSON.stringify(ev.body).includes(convId));
    run.check(late.length === 0, `nothing about ${convId} arrives after its DELETE: ${JSON.stringify(late.map(ev => ev.type))}`);
    run.pass(`conversation ${convId}: ring, accept, history, reply (seq ${published.sequence}), READ, close`);
}

// The SDK turns the raw profile into SDEs: personal (name, contacts from privateData.email and
// privateData.mobileNum) and ctmrinfo (imei = mobileNum, customerId = privateData.userId).
function checkProfile(run, sdes, consumerId, when) {
    run.check(Array.isArray(sdes), `getUserProfile (${when}) gives the SDK's SDE array, got ${JSON.stringify(sdes)}`);
    const personal = (sdes || []).find(s => s.type === 'personal');
    run.check(personal && personal.personal.firstname === 'Conformance' && personal.personal.lastname === 'Consumer',
        `the SDK read the consumer's name from the profile (${when}): ${JSON.stringify(sdes)}`);
    const contacts = personal && personal.personal.contacts;
    run.check(Array.isArray(contacts) && contacts.length === 1 && contacts[0].email === EMAIL && contacts[0].phone === PHONE,
        `the SDK read the consumer's email and phone into personal.contacts (${when}): ${JSON.stringify(contacts)}`);
    const info = (sdes || []).find(s => s.type === 'ctmrinfo');
    run.check(info && info.info.imei === PHONE && info.info.customerId === consumerId,
        `the SDK read mobileNum and userId into ctmrinfo (${when}): ${JSON.stringify(info)}`);
}

main().catch(e => {
    console.error(`FAIL agent-flow: ${e.stack || e}`);
    process.exit(1);
});
