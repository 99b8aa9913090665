'use strict';
// The SDK methods agent-flow.js does not drive, through the unmodified node-agent-sdk: the agent
// state subscription, BACK_SOON, updateRoutingTaskSubscription, rejecting a ring, a TTR change, a
// chat state, a private (agents-only) message, upload and download URLs, back to queue, transfers
// to a skill and to an agent, unsubscribeExConversations, a second SDK agent logged in with
// token + userId, and the SDK's periodic session refresh (every second here), which must keep
// working while the simulator hands out a new session cookie at each refresh.
//
//   NODE_EXTRA_CA_CERTS=<sim ca.pem> node agent-ops.js --csds=127.0.0.1:PORT --account=ACCT \
//       --user=agent2 --password=agent2-pass
//
// Requires a simulator with the admin surface on and no other agent online for Sales (1002).

const h = require('./lib/harness');
const https = require('https');
const { Agent } = require('node-agent-sdk');

const SALES = 1002;
const GENERAL = 1001;
const OTHER_AGENT = '1003'; // agent3's user id: the target of the agent transfer

async function main() {
    const run = new h.Run('agent-ops', h.config());
    const agent = await run.connect({ refreshSessionInterval: 1000 });
    const me = agent.agentId;

    const states = await run.call('subscribeAgentsState', {});
    run.check(states && states.subscriptionId, `subscribeAgentsState returns a subscriptionId: ${JSON.stringify(states)}`);
    await run.call('setAgentState', { availability: 'BACK_SOON' });
    await run.waitFor('routing.AgentStateNotification', b => (b.changes || []).some(c => c.result
        && c.result.availability === 'BACK_SOON') ? b : null, 'an AgentStateNotification with BACK_SOON');
    await run.call('setAgentState', { availability: 'ONLINE' });
    const sub = await run.call('subscribeExConversations', { agentIds: [me], convState: ['OPEN'] });
    const tasks = await run.call('subscribeRoutingTasks', {});
    run.check(tasks && tasks.subscriptionId, `subscribeRoutingTasks returns a subscriptionId: ${JSON.stringify(tasks)}`);
    await run.call('updateRoutingTaskSubscription', { subscriptionId: tasks.subscriptionId, agentId: me });

    // reject the first ring; the only agent online gets it again and accepts
    const convId = await open(run, 'Ops One');
    const first = await run.waitFor('routing.RoutingTaskNotification', b => h.ringOf(b, convId, 'WAITING'), 'the first ring');
    await run.call('updateRingState', { ringId: first.ring.ringId, ringState: 'REJECTED' });
    await run.waitFor('routing.RoutingTaskNotification', b => h.ringOf(b, convId, 'REJECTED'), 'the ring REJECTED');
    const again = await run.waitFor('routing.RoutingTaskNotification', b => {
        const r = h.ringOf(b, convId, 'WAITING');
        return r && r.ring.ringId !== first.ring.ringId ? r : null;
    }, 'a new ring after the rejection');
    const details = await accept(run, again, convId, me);
    const dialogId = h.mainDialog(details).dialogId;

    await run.call('updateConversationField', { conversationId: convId,
        conversationField: [{ field: 'TTRField', ttrType: 'URGENT', value: 600 }] });
    await run.waitFor('cqm.ExConversationChangeNotification', b => {
        const ch = h.convChange(b, convId, 'UPSERT');
        return ch && ch.result.conversationDetails.ttr && ch.result.conversationDetails.ttr.ttrType === 'URGENT' ? ch : null;
    }, 'the conversation with ttrType URGENT');

    await run.call('publishEvent', { dialogId, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
    const note = 'agents only: VIP customer';
    const priv = await run.call('publishEvent', { dialogId, messageAudience: 'AGENTS_AND_MANAGERS',
        event: { type: 'ContentEvent', contentType: 'text/plain', message: note } });
    run.check(typeof priv.sequence === 'number', `a private message gets a sequence: ${JSON.stringify(priv)}`);
    await run.waitFor('ms.MessagingEventNotification', b => b.dialogId === dialogId
        && b.changes.find(c => c.event && c.event.message === note), 'the echo of the private message');

    const up = await run.call('generateURLForUploadFile', { fileSize: '4', fileType: 'PNG' });
    run.check(up && typeof up.relativePath === 'string' && up.queryParams && up.queryParams.temp_url_sig,
        `an upload URL with relativePath and a signature: ${JSON.stringify(up)}`);
    await put(run, up, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const down = await run.call('generateURLForDownloadFile', { relativePath: up.relativePath });
    run.check(down && down.relativePath === up.relativePath && down.queryParams && down.queryParams.temp_url_sig,
        `a download URL for the same file: ${JSON.stringify(down)}`);

    // back to queue: the conversation leaves this agent
    await run.call('updateConversationField', { conversationId: convId, conversationField: [
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT' }] });
    await left(run, convId, me, 'back to queue');
    await run.call('setAgentState', { availability: 'AWAY' }); // so nothing rings here meanwhile
    await run.admin('POST', `/admin/conversations/${encodeURIComponent(convId)}/close`, {});
    await run.call('setAgentState', { availability: 'ONLINE' });

    // transfer to a skill
    const toSkill = await open(run, 'Ops Two');
    await accept(run, await run.waitFor('routing.RoutingTaskNotification', b => h.ringOf(b, toSkill, 'WAITING'),
        'the ring of the second conversation'), toSkill, me);
    await run.call('updateConversationField', { conversationId: toSkill, conversationField: [
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT' },
        { field: 'Skill', type: 'UPDATE', skill: String(GENERAL) }] });
    await left(run, toSkill, me, 'the transfer to General');

    // transfer to an agent
    const toAgent = await open(run, 'Ops Three');
    await accept(run, await run.waitFor('routing.RoutingTaskNotification', b => h.ringOf(b, toAgent, 'WAITING'),
        'the ring of the third conversation'), toAgent, me);
    await run.call('updateConversationField', { conversationId: toAgent, conversationField: [
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT' },
        { field: 'ParticipantsChange', type: 'SUGGEST', role: 'ASSIGNED_AGENT', userId: `${run.cfg.account}.${OTHER_AGENT}` },
        { field: 'Skill', type: 'UPDATE', skill: String(SALES) }] });
    await left(run, toAgent, me, 'the transfer to agent3');

    await run.call('unsubscribeExConversations', { subscriptionId: sub.subscriptionId });

    // a second SDK agent with the first one's bearer and user id, no password
    const token = agent.transport && agent.transport.configuration && agent.transport.configuration.token;
    run.check(typeof token === 'string' && token.length > 0, 'the SDK holds its bearer');
    const second = new Agent({ accountId: run.cfg.account, token, userId: agent.userId, csdsDomain: run.cfg.csds });
    second.on('error', (err) => run.fail(`token login: SDK emitted error: ${err && err.message}`));
    await new Promise((resolve) => second.once('connected', resolve));
    const clock = await new Promise((resolve) => second.getClock({}, (err, r) => err
        ? run.fail(`token login: getClock failed: ${err.message}`) : resolve(r)));
    run.check(clock && typeof clock.currentTime === 'number', `the token login can make requests: ${JSON.stringify(clock)}`);
    second.dispose();

    // by now the SDK refreshed the session several times (every second), each with a new cookie
    await run.settle(2500);
    run.pass('agent state subscription, BACK_SOON, ring reject, TTR, chat state, private message, file URLs,'
        + ' back to queue, skill and agent transfers, unsubscribe, token login, periodic refresh');
}

/** Uploads to the temp URL of a GenerateURLForUploadFile answer (file storage, same host and CA). */
function put(run, url, bytes) {
    run.step(`PUT ${url.relativePath}`);
    const [host, port] = run.cfg.csds.split(':');
    const q = Object.entries(url.queryParams).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    return new Promise((resolve) => {
        const req = https.request({ host, port: Number(port || 443), method: 'PUT', path: `${url.relativePath}?${q}`,
            headers: { 'content-type': 'image/png', 'content-length': bytes.length } }, (res) => {
            res.resume();
            res.on('end', () => res.statusCode < 300 ? resolve()
                : run.fail(`the upload answered HTTP ${res.statusCode}`));
        });
        req.on('error', (e) => run.fail(`the upload failed: ${e.message}`));
        req.end(bytes);
    });
}

async function open(run, name) {
    const created = await run.admin('POST', '/admin/conversations', { skillId: SALES, consumerName: name, messages: ['hi'] });
    return created.conversationId;
}

async function accept(run, waiting, convId, me) {
    await run.call('updateRingState', { ringId: waiting.ring.ringId, ringState: 'ACCEPTED' });
    const upsert = await run.waitFor('cqm.ExConversationChangeNotification', b => {
        const ch = h.convChange(b, convId, 'UPSERT');
        return ch && h.rolesOf(ch.result.conversationDetails, me).includes('ASSIGNED_AGENT') ? ch : null;
    }, `${convId} assigned to this agent`);
    return upsert.result.conversationDetails;
}

function left(run, convId, me, what) {
    return run.waitFor('cqm.ExConversationChangeNotification', b => {
        const gone = h.convChange(b, convId, 'DELETE');
        if (gone) return gone;
        const ch = h.convChange(b, convId, 'UPSERT');
        return ch && !h.rolesOf(ch.result.conversationDetails, me).includes('ASSIGNED_AGENT') ? ch : null;
    }, `${convId} no longer assigned to this agent after ${what}`);
}

main().catch(e => {
    console.error(`FAIL agent-ops: ${e.stack || e}`);
    process.exit(1);
});
