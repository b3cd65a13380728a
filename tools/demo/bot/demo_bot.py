#!/usr/bin/python3
"""The demo's OTR bot: python3-potr (an independent OTR v2 implementation) on IRC.

Run with Debian's /usr/bin/python3 (it sees python3-potr):
    demo_bot.py --host 127.0.0.1 --port 6667 --nick otrbot --channel '#demo' --secret tor

What it does, so a newcomer sees every part of the messenger work:
- joins the channel and sets its topic; greets each person who joins, in the channel and
  privately (the private greeting carries OTR's whitespace tag, so an opportunistic client
  starts a private conversation by itself);
- answers every private message: plainly while the conversation is not private (saying how
  to make it private), and with an encrypted echo once it is;
- answers OTR queries (potr starts the key exchange) and identity checks (SMP) with the
  shared secret given by --secret, for the question-and-answer and shared-secret methods.

Events leave on stdout, one JSON object per line, without any message text:
    {"event":"ready","nick":"otrbot","fingerprint":"<40 hex>"}
    {"event":"joined","channel":"#demo"}
    {"event":"greeted","nick":"alice"}
    {"event":"answered","to":"alice","encrypted":true}
    {"event":"state","peer":"alice","state":"encrypted|plaintext|finished"}
    {"event":"smp","peer":"alice","state":"answered|succeeded|failed|aborted"}
The bot exits when stdin closes (its parent ended), so it never outlives the demo.
"""

import argparse
import json
import logging
import os
import socket
import sys
import threading

HARNESS_POTR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "harness", "potr"
)
sys.path.insert(0, os.environ.get("DEMO_POTR_COMPAT_DIR", HARNESS_POTR))
import potr_compat  # noqa: E402  (bookworm's pycryptodome needs this shim for potr 1.0.2)

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

TOPIC = "Tor Messenger demo: everything here runs on this computer, over a private Tor network"
CHANNEL_HELLO = (
    "Hello {nick}! I am {me}, the demo's OTR bot. I just wrote to you privately: "
    "open the conversation with {me} on the left."
)
PRIVATE_HELLO = (
    "Hi {nick}, I am {me}. This conversation becomes private by itself (OTR): watch the lock "
    "above. Write anything and I echo it back encrypted."
)
NOW_PRIVATE = (
    "We are private now: the server only sees encrypted data. To check it is really me, "
    "press 'Verify contact's identity', pick 'Shared secret' (or a question) and enter: {secret}"
)
PLAIN_ANSWER = (
    "I read that unencrypted (so could the server). Press 'Start private conversation' "
    "and write again."
)
ECHO = "You wrote (encrypted both ways): {text}"


def tagged(text):
    """`text` with OTR's whitespace tag (v2) after its first word. potr puts the tag at the
    end, where ngircd trims it away as trailing whitespace; OTR clients find it anywhere."""
    tag = (proto.MESSAGE_TAG_BASE + proto.MESSAGE_TAGS[2]).decode("ascii")
    first, _, rest = text.partition(" ")
    return first + tag + " " + rest


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
        self.line("USER %s 0 * :Tor Messenger demo bot" % nick)

    def line(self, text):
        # One IRC line: a line break inside would smuggle a second command.
        text = text.replace("\r", " ").replace("\n", " ")
        with self.send_lock:
            self.sock.sendall(text.encode("utf-8", "replace") + b"\r\n")

    def privmsg(self, to, body):
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        # Query messages add a human note after a line break: IRC carries the first line.
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
        if old == newstate:
            return
        emit(event="state", peer=self.peer, state=STATE_NAMES.get(newstate, "?"))
        if newstate == potr.context.STATE_ENCRYPTED:
            # Said once the message being handled is done: potr changes the state before it
            # sends the key exchange's last message, which must arrive first.
            self.announce = True
        elif newstate == potr.context.STATE_FINISHED:
            # The person ended the private conversation: go back to plaintext too, so the
            # next message is answered (plainly, with how to make it private again).
            self.disconnect()


class Account(potr.context.Account):
    contextclass = Context

    def __init__(self, name, irc, bot):
        super().__init__(name, "irc", IRC_MAX)
        self.irc = irc
        self.bot = bot
        self.key = potr.compatcrypto.generateDefaultKey()

    def loadPrivkey(self):
        return self.key

    def savePrivkey(self):
        pass

    def saveTrusts(self):
        pass


class Bot:
    def __init__(self, irc, channel, secret):
        self.irc = irc
        self.channel = channel
        self.secret = secret
        self.account = Account(irc.nick, irc, self)
        self.greeted = set()

    def say(self, ctx, text):
        """Sends through OTR: encrypted when the conversation is private, else tagged plaintext."""
        try:
            result = ctx.sendMessage(potr.context.FRAGMENT_SEND_ALL, text.encode("utf-8"))
        except potr.context.NotEncryptedError:
            return False
        if result:
            self.irc.privmsg(ctx.peer, result)
        return True

    def on_join(self, nick, channel):
        if nick == self.irc.nick:
            emit(event="joined", channel=channel)
            self.irc.line("TOPIC %s :%s" % (channel, TOPIC))
            return
        if channel.lower() != self.channel.lower() or nick in self.greeted:
            return
        self.greeted.add(nick)
        self.irc.privmsg(channel, CHANNEL_HELLO.format(nick=nick, me=self.irc.nick))
        with LOCK:
            ctx = self.account.getContext(nick)
            if ctx.state == potr.context.STATE_PLAINTEXT:
                self.irc.privmsg(nick, tagged(PRIVATE_HELLO.format(nick=nick, me=self.irc.nick)))
                ctx.tagOffer = potr.context.OFFER_SENT
        emit(event="greeted", nick=nick)

    def on_private(self, sender, text):
        with LOCK:
            ctx = self.account.getContext(sender)
            try:
                self.receive(ctx, sender, text)
            finally:
                if getattr(ctx, "announce", False) and ctx.state == potr.context.STATE_ENCRYPTED:
                    ctx.announce = False
                    self.say(ctx, NOW_PRIVATE.format(secret=self.secret))

    def receive(self, ctx, sender, text):
        try:
            plaintext, tlvs = ctx.receiveMessage(text.encode("utf-8"))
        except (potr.context.UnencryptedMessage, potr.context.NotOTRMessage):
            if ctx.state == potr.context.STATE_PLAINTEXT and self.say(ctx, PLAIN_ANSWER):
                emit(event="answered", to=sender, encrypted=False)
            return
        except potr.context.ErrorReceived:
            return
        except potr.context.NotEncryptedError:
            return
        except Exception as e:  # potr raises many types on bad input: never die on it
            emit(event="error", peer=sender, kind=type(e).__name__)
            return
        self.smp(ctx, tlvs)
        if plaintext and ctx.state == potr.context.STATE_ENCRYPTED:
            echo = ECHO.format(text=plaintext.decode("utf-8", "replace"))
            if self.say(ctx, echo):
                emit(event="answered", to=sender, encrypted=True)

    def smp(self, ctx, tlvs):
        for tlv in tlvs:
            if isinstance(tlv, (proto.SMP1TLV, proto.SMP1QTLV)):
                ctx.smpGotSecret(self.secret.encode("utf-8"))
                emit(event="smp", peer=ctx.peer, state="answered")
            elif isinstance(tlv, proto.SMPABORTTLV):
                emit(event="smp", peer=ctx.peer, state="aborted")
            elif isinstance(tlv, (proto.SMP3TLV, proto.SMP4TLV)):
                ok = ctx.smpIsSuccess()
                emit(event="smp", peer=ctx.peer, state="succeeded" if ok else "failed")


def irc_loop(bot):
    irc = bot.irc
    buf = b""
    while True:
        data = irc.sock.recv(65536)
        if not data:
            emit(event="error", peer="", kind="irc_closed")
            os._exit(1)
        buf += data
        while b"\r\n" in buf:
            raw, buf = buf.split(b"\r\n", 1)
            handle_line(bot, raw.decode("utf-8", "replace"))


def handle_line(bot, line):
    irc = bot.irc
    if line.startswith("PING"):
        irc.line("PONG" + line[4:])
        return
    parts = line.split(" ", 3)
    if len(parts) < 2:
        return
    command = parts[1]
    sender = parts[0][1:].split("!", 1)[0] if parts[0].startswith(":") else ""
    if command == "001":
        irc.line("JOIN " + bot.channel)
        emit(event="ready", nick=irc.nick, fingerprint=bot.account.getPrivkey().cfingerprint())
    elif command in ("432", "433"):
        emit(event="error", peer="", kind="nick_refused")
        os._exit(1)
    elif command == "JOIN" and len(parts) >= 3:
        bot.on_join(sender, parts[2].lstrip(":"))
    elif command == "PRIVMSG" and len(parts) == 4 and parts[3].startswith(":"):
        target, text = parts[2], parts[3][1:]
        # Only private messages; CTCP (\x01...) other than OTR is ignored.
        if target.lower() == irc.nick.lower() and not text.startswith("\x01"):
            bot.on_private(sender, text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--nick", required=True)
    parser.add_argument("--channel", required=True)
    parser.add_argument("--secret", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    irc = Irc(args.host, args.port, args.nick)
    bot = Bot(irc, args.channel, args.secret)
    bot.account.getPrivkey()
    threading.Thread(target=irc_loop, args=(bot,), daemon=True).start()
    # Nothing is read from stdin but its end: the parent closed it or died.
    for _ in sys.stdin:
        pass
    irc.line("QUIT")
    os._exit(0)


if __name__ == "__main__":
    main()
