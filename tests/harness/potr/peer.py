#!/usr/bin/python3
"""An independent OTR v2 peer for tests: python3-potr on a plain IRC connection.

Run with /usr/bin/python3 (Debian's, which sees python3-potr):
    peer.py --host 127.0.0.1 --port 6667 --nick bob
Commands arrive on stdin and events leave on stdout, one JSON object per line:
    {"cmd":"send","to":"alice","text":"hi"}          OTR-aware send (encrypted when private)
    {"cmd":"start_otr","to":"alice"}                 send an OTR v2 query
    {"cmd":"end_otr","to":"alice"}                   end the private conversation
    {"cmd":"smp_start","to":"alice","secret":"s","question":"q?"}   (question optional)
    {"cmd":"smp_respond","to":"alice","secret":"s"}
    {"cmd":"smp_abort","to":"alice"}
    {"cmd":"raw","to":"alice","text":"..."}          bypass OTR (bad-input tests)
    {"cmd":"quit"}
    {"event":"ready","nick":"bob","fingerprint":"<40 hex>"}
    {"event":"message","from":"alice","text":"...","encrypted":true}
    {"event":"state","peer":"alice","state":"encrypted|plaintext|finished","fingerprint":"..."}
    {"event":"smp","peer":"alice","state":"asked_secret|asked_question|succeeded|failed|aborted","question":"..."}
    {"event":"error","peer":"alice","kind":"...","text":"..."}
    {"event":"sent","to":"alice"}
"""

import argparse
import json
import logging
import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import potr_compat  # noqa: E402

potr_compat.install()

import potr  # noqa: E402
from potr import proto  # noqa: E402

IRC_MAX = 400
LOCK = threading.RLock()
OUT = threading.Lock()
STATE_NAMES = {
    potr.context.STATE_PLAINTEXT: "plaintext",
    potr.context.STATE_ENCRYPTED: "encrypted",
    potr.context.STATE_FINISHED: "finished",
}


def emit(**event):
    with OUT:
        sys.stdout.write(json.dumps(event) + "\n")
        sys.stdout.flush()


class Irc:
    def __init__(self, host, port, nick):
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.settimeout(None)
        self.nick = nick
        self.send_lock = threading.Lock()
        self.line("NICK " + nick)
        self.line("USER %s 0 * :%s" % (nick, nick))

    def line(self, text):
        with self.send_lock:
            self.sock.sendall(text.encode("utf-8", "replace") + b"\r\n")

    def privmsg(self, to, body):
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        # IRC carries one line: keep the first (query messages add a human note after it).
        body = body.split("\n", 1)[0].rstrip("\r")
        if body:
            self.line("PRIVMSG %s :%s" % (to, body))


class Context(potr.context.Context):
    def getPolicy(self, key):
        return {
            "ALLOW_V1": False,
            "ALLOW_V2": True,
            "REQUIRE_ENCRYPTION": False,
            "SEND_TAG": True,
            "WHITESPACE_START_AKE": True,
            "ERROR_START_AKE": True,
        }.get(key, False)

    def inject(self, msg, appdata=None):
        self.user.irc.privmsg(self.peer, msg)

    def setState(self, newstate):
        old = self.state
        super().setState(newstate)
        if old != newstate:
            fingerprint = ""
            if newstate == potr.context.STATE_ENCRYPTED and self.crypto.theirPubkey:
                fingerprint = self.crypto.theirPubkey.cfingerprint()
            emit(event="state", peer=self.peer, state=STATE_NAMES.get(newstate, "?"), fingerprint=fingerprint)


class Account(potr.context.Account):
    contextclass = Context

    def __init__(self, name, irc):
        super().__init__(name, "irc", IRC_MAX)
        self.irc = irc
        self.key = potr.compatcrypto.generateDefaultKey()

    def loadPrivkey(self):
        return self.key

    def savePrivkey(self):
        pass

    def saveTrusts(self):
        pass


def smp_events(ctx, tlvs):
    for tlv in tlvs:
        if isinstance(tlv, proto.SMP1QTLV):
            emit(event="smp", peer=ctx.peer, state="asked_question", question=tlv.msg.decode("utf-8", "replace"))
        elif isinstance(tlv, proto.SMP1TLV):
            emit(event="smp", peer=ctx.peer, state="asked_secret")
        elif isinstance(tlv, proto.SMPABORTTLV):
            emit(event="smp", peer=ctx.peer, state="aborted")
        elif isinstance(tlv, (proto.SMP3TLV, proto.SMP4TLV)):
            emit(event="smp", peer=ctx.peer, state="succeeded" if ctx.smpIsSuccess() else "failed")


def on_privmsg(account, sender, text):
    with LOCK:
        ctx = account.getContext(sender)
        try:
            plaintext, tlvs = ctx.receiveMessage(text.encode("utf-8"))
        except potr.context.UnencryptedMessage as e:
            msg = e.args[0]
            emit(event="message", **{"from": sender}, text=_text(msg), encrypted=False)
            return
        except potr.context.NotOTRMessage as e:
            msg = e.args[0]
            emit(event="message", **{"from": sender}, text=_text(msg), encrypted=False)
            return
        except potr.context.ErrorReceived as e:
            emit(event="error", peer=sender, kind="otr_error", text=_text(e.args[0].error))
            return
        except potr.context.NotEncryptedError:
            emit(event="error", peer=sender, kind="not_encrypted", text="")
            return
        except Exception as e:  # potr raises many types on bad input; report, never die
            emit(event="error", peer=sender, kind=type(e).__name__, text="")
            return
        if plaintext:
            emit(event="message", **{"from": sender}, text=_text(plaintext), encrypted=True)
        smp_events(ctx, tlvs)


def _text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def irc_loop(account, irc):
    buf = b""
    while True:
        data = irc.sock.recv(65536)
        if not data:
            emit(event="error", peer="", kind="irc_closed", text="")
            os._exit(1)
        buf += data
        while b"\r\n" in buf:
            raw, buf = buf.split(b"\r\n", 1)
            line = raw.decode("utf-8", "replace")
            if line.startswith("PING"):
                irc.line("PONG" + line[4:])
                continue
            parts = line.split(" ", 3)
            if len(parts) >= 2 and parts[1] == "001":
                emit(event="ready", nick=irc.nick, fingerprint=account.getPrivkey().cfingerprint())
            elif len(parts) >= 2 and parts[1] in ("432", "433"):
                emit(event="error", peer="", kind="nick_refused", text=parts[1])
            elif len(parts) == 4 and parts[1] == "PRIVMSG" and parts[3].startswith(":"):
                sender = parts[0][1:].split("!", 1)[0]
                on_privmsg(account, sender, parts[3][1:])


def command(account, irc, cmd):
    name = cmd.get("cmd")
    to = cmd.get("to", "")
    with LOCK:
        ctx = account.getContext(to) if to else None
        try:
            if name == "send":
                result = ctx.sendMessage(potr.context.FRAGMENT_SEND_ALL, cmd["text"].encode("utf-8"))
                if result:
                    irc.privmsg(to, result)
                emit(event="sent", to=to)
            elif name == "start_otr":
                irc.privmsg(to, "?OTRv2?")
            elif name == "end_otr":
                ctx.disconnect()
            elif name == "smp_start":
                question = cmd.get("question")
                ctx.smpInit(cmd["secret"].encode("utf-8"), question.encode("utf-8") if question else None)
            elif name == "smp_respond":
                ctx.smpGotSecret(cmd["secret"].encode("utf-8"))
            elif name == "smp_abort":
                ctx.smpAbort()
            elif name == "raw":
                irc.line("PRIVMSG %s :%s" % (to, cmd["text"]))
            elif name == "quit":
                irc.line("QUIT")
                os._exit(0)
            else:
                emit(event="error", peer=to, kind="unknown_command", text=str(name))
        except potr.context.NotEncryptedError:
            emit(event="error", peer=to, kind="not_encrypted", text="")
        except Exception as e:
            emit(event="error", peer=to, kind=type(e).__name__, text=str(e))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--nick", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    irc = Irc(args.host, args.port, args.nick)
    account = Account(args.nick, irc)
    account.getPrivkey()
    threading.Thread(target=irc_loop, args=(account, irc), daemon=True).start()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            cmd = json.loads(line)
        except ValueError:
            emit(event="error", peer="", kind="bad_json", text="")
            continue
        command(account, irc, cmd)
    irc.line("QUIT")
    os._exit(0)


if __name__ == "__main__":
    main()
