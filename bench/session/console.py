#!/usr/bin/env python3
# Time from `lpa tui` to its first screen on a pseudo-terminal: attached to a running session,
# and on its own connection (--no-session). A simulator, agent1 logged in, a session started.
# Usage: bench/session/console.py [REPO]   (Python 3, Linux)
import os, pty, subprocess, sys, time, re, select, termios, fcntl, struct, tempfile
root=sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))); lpa=root+"/lpa"; work=tempfile.mkdtemp()
env=dict(os.environ, LPA_CONFIG_DIR=work+"/config", LPA_DATA_DIR=work+"/data", XDG_RUNTIME_DIR=work+"/run", TERM="xterm-256color")
os.makedirs(work+"/run")
sim=subprocess.Popen([lpa,"sim","--port","0","--admin","--data",work+"/sim"],stdout=open(work+"/sim.out","w"),stderr=subprocess.STDOUT,env=env)
def first_screen(args):
    t0=time.time(); pid,fd=pty.fork()
    if pid==0: os.execve(lpa,[lpa]+args,env)
    fcntl.ioctl(fd,termios.TIOCSWINSZ,struct.pack("HHHH",30,110,0,0))
    out=b""; t=None
    while time.time()-t0<30:
        r,_,_=select.select([fd],[],[],0.05)
        if r:
            try: chunk=os.read(fd,65536)
            except OSError: break
            out+=chunk
            # a terminal answers the cursor-position query Lanterna sizes itself with
            for _ in range(chunk.count(b"\x1b[6n")): os.write(fd,b"\x1b[30;110R")
            if t is None and b"Maya" in out: t=time.time()-t0; break
    time.sleep(0.5); os.write(fd,b"q")
    end=time.time()+10
    while time.time()<end:
        r,_,_=select.select([fd],[],[],0.1)
        if r:
            try: os.read(fd,65536)
            except OSError: break
    os.waitpid(pid,0)
    if t is None: print("no screen; got:", out[-400:])
    return t
try:
    for _ in range(300):
        s=open(work+"/sim.out").read()
        if "admin API" in s: break
        time.sleep(0.1)
    f=dict(re.findall(r"^(CSDS domain|account|CA file|admin API): *(.*)$",s,re.M))
    run=lambda *a,**k: subprocess.run([lpa,*a],env=env,capture_output=True,text=True,**k)
    run("login","--account",f["account"],"--username","agent1","--password-stdin","--csds",f["CSDS domain"],"--ca-file",f["CA file"],input="agent1-pass\n")
    run("session","start")
    for i in range(3):
        print("attached: first screen after", first_screen(["tui"]))
        print("own connection: first screen after", first_screen(["tui","--no-session"]))
except Exception as e:
    import traceback; traceback.print_exc()
finally:
    run("session","stop","--keep"); sim.terminate()
