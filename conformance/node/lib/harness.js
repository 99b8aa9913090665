'use strict';
// Shared plumbing for the conformance scripts: configuration, one overall deadline, an SDK agent
// whose every event is recorded (so a check never misses an event that arrived before it started
// waiting), promise wrappers around the SDK's callback API, and the simulator's admin API.
//
// Every script exits 0 only when all its checks passed; any miss prints "FAIL <script>: <reason>"
// on stderr and exits 1. The SDK is used exactly as published on npm: nothing here patches it.

const https = require('https');
const { Agent } = require('node-agent-sdk');

function parseArgs(argv) {
    const out = {};
    for (const a of argv) {
        const m = /^--([^=]+)=(.*)$/.exec(a);
        if (m) out[m[1]] = m[2];
    }
    return out;
}

/**
 * Settings come from --name=value arguments first, then the environment:
 * --csds / LP_CSDS (host:port), --account / LP_ACCOUNT, --user / LP_USER, --password / LP_PASS,
 * --timeout-ms / CONF_TIMEOUT_MS (overall limit, default 60000), --conversation / LP_CONVERSATION_ID,
 * --expect / CONF_EXPECT (a count some scripts check).
 */
function config(defaults) {
    const args = parseArgs(process.argv.slice(2));
    const pick = (arg, env, dflt) => args[arg] !== undefined ? args[arg]
        : (process.env[env] !== undefined && process.env[env] !== '' ? process.env[env] : dflt);
    const cfg = {
        csds: pick('csds', 'LP_CSDS'),
        account: pick('account', 'LP_ACCOUNT'),
        user: pick('user', 'LP_USER', defaults && defaults.user),
        password: pick('password', 'LP_PASS', defaults && defaults.password),
        timeoutMs: Number(pick('timeout-ms', 'CONF_TIMEOUT_MS', '60000')),
        conversationId: pick('conversation', 'LP_CONVERSATION_ID'),
        expect: pick('expect', 'CONF_EXPECT'),
    };
    const missing = ['csds', 'account', 'user', 'password'].filter(k => !cfg[k]);
    if (missing.length) {
        console.error(`usage: node ${require('path').basename(process.argv[1])} --csds=127.0.0.1:PORT --account=ACCT --user=LOGIN --password=PASS`
            + ` (or env LP_CSDS, LP_ACCOUNT, LP_USER, LP_PASS); missing: ${missing.join(', ')}`);
        process.exit(2);
    }
    if (!(cfg.timeoutMs > 0)) {
        console.error(`timeout must be a positive number of milliseconds, got ${cfg.timeoutMs}`);
        process.exit(2);
    }
    return cfg;
}

// The SDK's transformed notification types this project checks.
const RECORDED = [
    'cqm.ExConversationChangeNotification',
    'routing.RoutingTaskNotification',
    'routing.AgentStateNotification',
    'ms.MessagingEventNotification',
];

class Run {
    constructor(name, cfg) {
        this.name = name;
        this.cfg = cfg;
        this.events = [];      // {type, body, at}
        this.waiters = [];
        this.currentStep = 'start';
        this.startedAt = Date.now();
        this.finished = false;
        this.timer = setTimeout(() => this.fail(`timed out after ${cfg.timeoutMs} ms during: ${this.currentStep}`),
            cfg.timeoutMs);
    }

    step(text) {
        this.currentStep = text;
        console.log(`[${this.name} +${Date.now() - this.startedAt}ms] ${text}`);
    }

    fail(reason) {
        if (this.finished) return;
        this.finished = true;
        console.error(`FAIL ${this.name}: ${reason}`);
        console.error(`  (last step: ${this.currentStep}; ${this.events.length} notifications recorded)`);
        process.exit(1);
    }

    check(cond, what) {
        if (!cond) this.fail(`check failed: ${what}`);
    }

    pass(summary) {
        if (this.finished) return;
        this.finished = true;
        clearTimeout(this.timer);
        console.log(`PASS ${this.name}${summary ? ': ' + summary : ''}`);
        try {
            if (this.agent) this.agent.dispose();
        } catch (e) {
            // disposing is a courtesy; the verdict is already printed
        }
        process.exit(0);
    }

    /**
     * Connects an SDK agent (`extra`: more SDK settings, e.g. refreshSessionInterval); resolves once the
     * socket is open. `error` and `warn` always fail the run.
     */
    connect(extra) {
        this.step(`connect ${this.cfg.user} via CSDS ${this.cfg.csds}`);
        const agent = new Agent(Object.assign({
            accountId: this.cfg.account,
            username: this.cfg.user,
            password: this.cfg.password,
            csdsDomain: this.cfg.csds,
        }, extra || {}));
        this.agent = agent;
        agent.on('error', (err, ctx) => this.fail(`SDK emitted error: ${describe(err)}${ctx ? ' ' + JSON.stringify(ctx) : ''}`));
        agent.on('warn', (w) => this.fail(`SDK emitted warn: ${describe(w)}`));
        agent.on('closed', (code) => {
            if (!this.finished) this.fail(`socket closed unexpectedly (code ${JSON.stringify(code)})`);
        });
        for (const type of RECORDED) {
            agent.on(type, (body) => this._record(type, body));
        }
        return new Promise((resolve) => agent.once('connected', () => {
            this.check(typeof agent.agentId === 'string' && agent.agentId.length > 0,
                `login gave the SDK a PID (agent.agentId), got ${agent.agentId}`);
            this.check(/^\d+\.\S+$/.test(agent.__oldAgentId || ''),
                `login gave the SDK a legacy id acct.userId, got ${agent.__oldAgentId}`);
            resolve(agent);
        }));
    }

    _record(type, body) {
        const ev = { type, body, at: Date.now() };
        this.events.push(ev);
        for (const w of this.waiters.slice()) {
            if (w.type === type) {
                let hit;
                try {
                    hit = w.match(body);
                } catch (e) {
                    this.fail(`while checking a ${type}: ${e.stack || e}`);
                    return;
                }
                if (hit !== undefined && hit !== null && hit !== false) {
                    this.waiters.splice(this.waiters.indexOf(w), 1);
                    w.resolve(hit);
                }
            }
        }
    }

    /**
     * Resolves with the first non-null result of `match(body)` over recorded and future
     * notifications of `type`, starting at recorded index `from` (default: all of them).
     */
    waitFor(type, match, what, from) {
        this.step(`wait for ${what}`);
        for (const ev of this.events.slice(from || 0)) {
            if (ev.type !== type) continue;
            const hit = match(ev.body);
            if (hit !== undefined && hit !== null && hit !== false) return Promise.resolve(hit);
        }
        return new Promise((resolve) => this.waiters.push({ type, match, resolve }));
    }

    /** Calls an SDK request function; resolves with the response body, fails the run on an error response. */
    call(fn, body, headers, metadata) {
        this.step(`${fn} ${JSON.stringify(body)}`);
        return new Promise((resolve) => {
            const cb = (err, resp) => {
                if (err) this.fail(`${fn} answered with an error: ${describe(err)}`);
                else resolve(resp);
            };
            if (metadata !== undefined) this.agent[fn](body, headers, metadata, cb);
            else if (headers !== undefined) this.agent[fn](body, headers, cb);
            else this.agent[fn](body, cb);
        });
    }

    /** The simulator's admin API over HTTPS (same host and CA as CSDS). */
    admin(method, path, body) {
        this.step(`admin ${method} ${path}`);
        const [host, port] = this.cfg.csds.split(':');
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return new Promise((resolve) => {
            const req = https.request({
                host, port: Number(port || 443), method, path,
                headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
            }, (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (d) => text += d);
                res.on('end', () => {
                    if (res.statusCode !== 200) {
                        this.fail(`admin ${method} ${path} answered HTTP ${res.statusCode}: ${text}`);
                        return;
                    }
                    try {
                        resolve(text ? JSON.parse(text) : {});
                    } catch (e) {
                        this.fail(`admin ${method} ${path} answered non-JSON: ${text}`);
                    }
                });
            });
            req.on('error', (e) => this.fail(`admin ${method} ${path} failed: ${e.message}`));
            if (payload) req.write(payload);
            req.end();
        });
    }

    /** Lets late notifications arrive so a trailing `error`/`warn` still fails the run. */
    settle(ms) {
        this.step(`settle ${ms} ms`);
        return new Promise((resolve) => setTimeout(resolve, ms));
    }
}

function describe(x) {
    if (x instanceof Error) return `${x.name}: ${x.message}${x.code !== undefined ? ' (code ' + x.code + ')' : ''}`;
    try {
        return JSON.stringify(x);
    } catch (e) {
        return String(x);
    }
}

// ----------------------------------------------------------------- lookups in transformed SDK bodies

/** The change (UPSERT/DELETE) for convId in a cqm.ExConversationChangeNotification body, or null. */
function convChange(body, convId, type) {
    for (const ch of body.changes || []) {
        if (ch.type === type && ch.result && ch.result.convId === convId) return ch;
    }
    return null;
}

/** The rings of convId in a routing.RoutingTaskNotification body in the given state, or null. */
function ringOf(body, convId, state) {
    for (const ch of body.changes || []) {
        const r = ch.result || {};
        if (ch.type !== 'UPSERT' || r.conversationId !== convId) continue;
        for (const rd of r.ringsDetails || []) {
            if (rd.ringState === state) return { change: ch, ring: rd };
        }
    }
    return null;
}

/** The main dialog of a (transformed) conversationDetails. */
function mainDialog(details) {
    return (details.dialogs || []).find(d => d.dialogType === 'MAIN') || null;
}

/** Roles a PID holds in the SDK's transformed participants list. */
function rolesOf(details, pid) {
    return (details.participants || []).filter(p => p.id === pid).map(p => p.role);
}

/**
 * Checks the shape the SDK's transformer produces from a simulator conversation: participants as
 * [{id: PID, role}], no participantsPId left, and every dialog participant id a PID from that list.
 */
function checkTransformed(run, details, convId) {
    run.check(Array.isArray(details.participants),
        `conversation ${convId}: participants became the SDK's [{id, role}] list`);
    run.check(details.participantsPId === undefined,
        `conversation ${convId}: the SDK consumed participantsPId`);
    const pids = new Set(details.participants.map(p => p.id));
    for (const d of details.dialogs || []) {
        if (d.channelType === 'COBROWSE') continue;
        run.check(Array.isArray(d.participantsDetails), `conversation ${convId}: dialog ${d.dialogId} has participantsDetails`);
        for (const p of d.participantsDetails) {
            if (p.state === 'SUGGESTED') continue;
            run.check(pids.has(p.id), `conversation ${convId}: dialog participant ${JSON.stringify(p)} carries a PID from participants`);
        }
    }
}

/** Fails unless the sequence numbers are strictly increasing. */
function checkIncreasing(run, seqs, what) {
    for (let i = 1; i < seqs.length; i++) {
        run.check(seqs[i] > seqs[i - 1], `${what}: sequences strictly increase, got ${JSON.stringify(seqs)}`);
    }
}

module.exports = { config, Run, convChange, ringOf, mainDialog, rolesOf, checkTransformed, checkIncreasing, describe };
