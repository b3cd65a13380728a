#!/usr/bin/python3
"""The demo's OTR bot: python3-potr (an independent OTR v2 implementation) on IRC.

Run with Debian's /usr/bin/python3 (it sees python3-potr):
    demo_bot.py --host 127.0.0.1 --port 6667 --nick otrbot --channel '#demo' --secret tor \
        [--xmpp-port 5222 --xmpp-password PW --xmpp-ca cert.pem]   (also otrbot@xmpp.test)

What it does, so a newcomer sees every part of the messenger work:
- joins the channel and sets its topic; greets each person who joins, in the channel and
  privately (the private greeting carries OTR's whitespace tag, so an opportunistic client
  starts a private conversation by itself);
- answers every private message, on IRC and (with --xmpp-port) on XMPP: plainly while the conversation is not private (saying how
  to make it private), and with an encrypted echo once it is;
- answers OTR queries (potr starts the key exchange) and identity checks (SMP) with the
  shared secret given by --secret, for the question-and-answer and shared-secret methods.

Events leave on stdout, one JSON object per line, without any message text:
    {"event":"xmpp_ready","jid":"otrbot@xmpp.test"}
    {"event":"ready","nick":"otrbot","fingerprint":"<40 hex>"}
    {"event":"joined","channel":"#demo"}
    {"event":"greeted","nick":"alice"}
    {"event":"answered","to":"alice","encrypted":true}
    {"event":"state","peer":"alice","state":"encrypted|plaintext|finished"}
    {"event":"smp","peer":"alice","state":"answered|succeeded|failed|aborted"}
The bot exits when stdin closes (its parent ended), so it never outlives the demo.
"""

import argparse
import base64
import json
import logging
import os
import socket
import ssl
import sys
import threading
import uuid
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

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
PLAIN_ANSWER_AKE = (
    "I read that unencrypted (so could the server), but your client offered OTR: we are "
    "switching to a private conversation now. Watch the lock, then write again."
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
        self.user.transport.privmsg(self.peer, msg)

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

    def __init__(self, name, protocol, max_size, transport, bot, key):
        super().__init__(name, protocol, max_size)
        self.transport = transport
        self.bot = bot
        self.key = key

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
        # One OTR key for both networks: the same fingerprint wherever the bot is met.
        self.key = potr.compatcrypto.generateDefaultKey()
        self.account = Account(irc.nick, "irc", IRC_MAX, irc, self, self.key)
        self.xmpp_account = None
        self.greeted = set()

    def say(self, ctx, text):
        """Sends through OTR: encrypted when the conversation is private, else tagged plaintext."""
        try:
            result = ctx.sendMessage(potr.context.FRAGMENT_SEND_ALL, text.encode("utf-8"))
        except potr.context.NotEncryptedError:
            return False
        if result:
            ctx.user.transport.privmsg(ctx.peer, result)
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

    def on_private(self, account, sender, text):
        with LOCK:
            ctx = account.getContext(sender)
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
            if ctx.state == potr.context.STATE_PLAINTEXT:
                offered = proto.MESSAGE_TAG_BASE.decode("ascii") in text
                # Sent past OTR, untagged: a tag here would make the client start a second
                # key exchange across the one potr just started, and both would fail.
                ctx.user.transport.privmsg(sender, PLAIN_ANSWER_AKE if offered else PLAIN_ANSWER)
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


XMPP_STREAM = (
    "<?xml version='1.0'?><stream:stream to='{domain}' xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
)
NS_TLS = "{urn:ietf:params:xml:ns:xmpp-tls}"
NS_SASL = "{urn:ietf:params:xml:ns:xmpp-sasl}"
NS_CLIENT = "{jabber:client}"


class Xmpp:
    """A minimal XMPP client for the bot: STARTTLS (checked against the server's own
    certificate), SASL PLAIN, resource binding, presence, and chat messages in and out."""

    def __init__(self, host, port, domain, user, password, cafile):
        self.domain = domain
        self.jid = "%s@%s" % (user, domain)
        self.send_lock = threading.Lock()
        self.full_jids = {}
        self.sock = socket.create_connection((host, port), timeout=30)
        self.restart()
        self.expect(lambda e: e.find(NS_TLS + "starttls") is not None, "STARTTLS offer")
        self.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        self.expect(lambda e: e.tag == NS_TLS + "proceed", "STARTTLS proceed")
        context = ssl.create_default_context(cafile=cafile)
        self.sock = context.wrap_socket(self.sock, server_hostname=domain)
        self.restart()
        self.expect(lambda e: e.find(NS_SASL + "mechanisms") is not None, "SASL mechanisms")
        token = base64.b64encode(("\0%s\0%s" % (user, password)).encode()).decode()
        self.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % token)
        self.expect(lambda e: e.tag == NS_SASL + "success", "SASL success")
        self.restart()
        self.expect(lambda e: e.tag.endswith("features"), "stream features")
        self.write(
            "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            "<resource>bot-%s</resource></bind></iq>" % uuid.uuid4().hex[:8]
        )
        self.expect(lambda e: e.get("id") == "bind", "resource binding")
        self.write("<presence/>")
        self.sock.settimeout(None)

    def restart(self):
        self.parser = ET.XMLPullParser(events=("start", "end"))
        self.depth = 0
        self.write(XMPP_STREAM.format(domain=self.domain))

    def write(self, text):
        with self.send_lock:
            self.sock.sendall(text.encode("utf-8"))

    def stanzas(self):
        """Yields each top-level element of the stream as it completes."""
        while True:
            for event, element in self.parser.read_events():
                if event == "start":
                    self.depth += 1
                else:
                    self.depth -= 1
                    if self.depth == 1:
                        yield element
            data = self.sock.recv(65536)
            if not data:
                return
            self.parser.feed(data)

    def expect(self, wanted, what):
        for element in self.stanzas():
            if wanted(element):
                return element
            if element.tag.endswith("failure") or element.get("type") == "error":
                break
        raise RuntimeError("XMPP: no " + what)

    def privmsg(self, to, body):
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        to = self.full_jids.get(to, to)
        self.write(
            "<message to='%s' type='chat'><body>%s</body></message>"
            % (escape(to, {"'": "&apos;"}), escape(body))
        )


def xmpp_loop(bot, xmpp):
    for element in xmpp.stanzas():
        if element.tag != NS_CLIENT + "message" or element.get("type") == "error":
            continue
        body = element.find(NS_CLIENT + "body")
        sender = element.get("from", "")
        if body is None or body.text is None or not sender:
            continue
        bare = sender.split("/", 1)[0]
        # OTR talks to one resource: answers go to the one that wrote last.
        xmpp.full_jids[bare] = sender
        bot.on_private(bot.xmpp_account, bare, body.text)
    emit(event="error", peer="", kind="xmpp_closed")


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
        emit(event="ready", nick=irc.nick, fingerprint=bot.key.cfingerprint())
    elif command in ("432", "433"):
        emit(event="error", peer="", kind="nick_refused")
        os._exit(1)
    elif command == "JOIN" and len(parts) >= 3:
        bot.on_join(sender, parts[2].lstrip(":"))
    elif command == "PRIVMSG" and len(parts) == 4 and parts[3].startswith(":"):
        target, text = parts[2], parts[3][1:]
        # Only private messages; CTCP (\x01...) other than OTR is ignored.
        if target.lower() == irc.nick.lower() and not text.startswith("\x01"):
            bot.on_private(bot.account, sender, text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--nick", required=True)
    parser.add_argument("--channel", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--xmpp-port", type=int, help="also answer on XMPP (prosody's c2s port)")
    parser.add_argument("--xmpp-domain", default="xmpp.test")
    parser.add_argument("--xmpp-password", default="")
    parser.add_argument("--xmpp-ca", help="the XMPP server's certificate (PEM), to check it")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    irc = Irc(args.host, args.port, args.nick)
    bot = Bot(irc, args.channel, args.secret)
    if args.xmpp_port:
        xmpp = Xmpp(args.host, args.xmpp_port, args.xmpp_domain, args.nick, args.xmpp_password, args.xmpp_ca)
        bot.xmpp_account = Account(xmpp.jid, "xmpp", 0, xmpp, bot, bot.key)
        threading.Thread(target=xmpp_loop, args=(bot, xmpp), daemon=True).start()
        emit(event="xmpp_ready", jid=xmpp.jid)
    threading.Thread(target=irc_loop, args=(bot,), daemon=True).start()
    # Nothing is read from stdin but its end: the parent closed it or died.
    for _ in sys.stdin:
        pass
    irc.line("QUIT")
    os._exit(0)


if __name__ == "__main__":
    main()
