#!/usr/bin/env python3
"""A python-omemo peer for tests/interop.rs: JSON requests on stdin, one JSON answer per line
on stdout. Real randomness; the XML goes through python-omemo's own serializers and schema
validating parsers (oldmemo.etree / twomemo.etree).

Requests: {"cmd": "bundle", "peer": P, "ns": NS}
          {"cmd": "send", "peer": P, "ns": NS, "to_jid": J, "to_device": D, "bundle_xml": X?, "text": T}
          {"cmd": "receive", "peer": P, "ns": NS, "from_jid": J, "xml": X, "sender_bundle_xml": B?}
          {"cmd": "time", "ns": NS, "n": N}  (the benchmark's Python side)
"""

import asyncio
import json
import sys
import time
import xml.etree.ElementTree as ET

import omemo
import oldmemo.etree
import twomemo.etree

from omemo_support import BACKENDS, NAMESPACES, MemoryStorage, b64

ETREES = {"axolotl": oldmemo.etree, "omemo2": twomemo.etree}
PEERS = {"p1": ("peer@example.org", 3003), "p2": ("peer@example.org", 4004)}


class Peer:
    def __init__(self, jid, device):
        self.jid, self.device = jid, device
        self.backends = {}
        self.sessions = {}

    async def backend(self, ns):
        if ns not in self.backends:
            backend = BACKENDS[ns](MemoryStorage())
            await backend.generate_pre_keys(100)
            self.backends[ns] = backend
        return self.backends[ns]


class DeviceInfo:
    def __init__(self, device_id, identity_key):
        self.device_id, self.identity_key = device_id, identity_key


class SenderLookup:
    """What oldmemo.etree.parse_message asks a session manager: the sender's identity key."""

    def __init__(self, bundle):
        self.bundle = bundle

    async def get_device_information(self, bare_jid):
        return [DeviceInfo(self.bundle.device_id, self.bundle.identity_key)]

    async def refresh_device_list(self, namespace, bare_jid):
        return None


peers = {}


async def peer(name):
    if name not in peers:
        peers[name] = Peer(*PEERS[name])
    return peers[name]


async def handle(request):
    cmd = request["cmd"]
    ns = request["ns"]
    module, etree = NAMESPACES[ns], ETREES[ns]
    if cmd == "time":
        return await timing(ns, request["n"], request["size"])
    me = await peer(request["peer"])
    backend = await me.backend(ns)
    if cmd == "bundle":
        bundle = await backend.get_bundle(me.jid, me.device)
        return {"xml": ET.tostring(etree.serialize_bundle(bundle)).decode(), "device": me.device}
    if cmd == "send":
        key = (ns, request["to_jid"], request["to_device"])
        content, pkm = await backend.encrypt_plaintext(request["text"].encode())
        session = me.sessions.get(key)
        if session is None:
            bundle = etree.parse_bundle(ET.fromstring(request["bundle_xml"]), request["to_jid"], request["to_device"])
            session, ekm = await backend.build_session_active(request["to_jid"], request["to_device"], bundle, pkm)
            me.sessions[key] = session
        else:
            ekm = await backend.encrypt_key_material(session, pkm)
        kex = session.key_exchange if not session.confirmed else None
        message = omemo.Message(module.NAMESPACE, me.jid, me.device, content, frozenset({(ekm, kex)}))
        return {"xml": ET.tostring(etree.serialize_message(message)).decode()}
    if cmd == "receive":
        element = ET.fromstring(request["xml"])
        if ns == "axolotl":
            sender = request["from_jid"]
            lookup = SenderLookup(oldmemo.etree.parse_bundle(ET.fromstring(request["sender_bundle_xml"]), sender,
                                                            int(element.find(f"{{{module.NAMESPACE}}}header").get("sid"))))
            message = await etree.parse_message(element, sender, me.jid, lookup)
        else:
            message = etree.parse_message(element, request["from_jid"])
        mine = [(ekm, kex) for ekm, kex in message.keys if ekm.device_id == me.device and ekm.bare_jid == me.jid]
        if not mine:
            return {"error": "not for this device"}
        ekm, kex = mine[0]
        key = (ns, message.bare_jid, message.device_id)
        session = me.sessions.get(key)
        if kex is not None and (session is None or not session.key_exchange.builds_same_session(kex)):
            session, pkm = await backend.build_session_passive(message.bare_jid, message.device_id, kex, ekm)
            me.sessions[key] = session
        else:
            if session is None:
                return {"error": "no session"}
            pkm = await backend.decrypt_key_material(session, ekm)
        if message.content.empty:
            return {"plaintext": None}
        return {"plaintext": (await backend.decrypt_plaintext(message.content, pkm)).decode()}
    return {"error": f"unknown command {cmd}"}


async def timing(ns, n, size):
    """The benchmark's Python side: X3DH set-up, and encrypt+decrypt of `size` bytes to 1
    and to 10 devices, with the same backend calls the peer uses. Seconds per operation."""
    module = NAMESPACES[ns]
    alice = BACKENDS[ns](MemoryStorage())
    bobs = []
    for i in range(10):
        bob = BACKENDS[ns](MemoryStorage())
        await bob.generate_pre_keys(max(n, 1) + 5)
        bobs.append(bob)
    text = b"x" * size

    # The bundle is fetched once (python-omemo derives every public key when it builds one),
    # as the Rust side builds it once.
    bundle = await bobs[0].get_bundle("bob@example.org", 1)
    start = time.perf_counter()
    sessions = []
    for i in range(n):
        content, pkm = await alice.encrypt_plaintext(text)
        sessions.append(await alice.build_session_active("bob@example.org", 1, bundle, pkm))
    setup = (time.perf_counter() - start) / n

    pairs = []
    for index, bob in enumerate(bobs):
        bundle = await bob.get_bundle("bob@example.org", index + 1)
        content, pkm = await alice.encrypt_plaintext(text)
        a_session, ekm = await alice.build_session_active("bob@example.org", index + 1, bundle, pkm)
        kex = a_session.key_exchange
        b_session, _ = await bob.build_session_passive("alice@example.org", 99, kex, ekm)
        pairs.append((a_session, bob, b_session))

    results = {"x3dh_setup": setup}
    for devices in (1, 10):
        start = time.perf_counter()
        for _ in range(n):
            content, pkm = await alice.encrypt_plaintext(text)
            encrypted = [(await alice.encrypt_key_material(a, pkm), bob, b) for a, bob, b in pairs[:devices]]
            for ekm, bob, b_session in encrypted:
                parsed = module.EncryptedKeyMaterialImpl.parse(ekm.serialize(), "alice@example.org", 99)
                plain = await bob.decrypt_key_material(b_session, parsed)
                assert await bob.decrypt_plaintext(content, plain) == text
        results[f"encrypt_decrypt_{devices}"] = (time.perf_counter() - start) / n
    return results


async def main():
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        try:
            answer = await handle(json.loads(line))
        except Exception as error:  # reported to the Rust test, which fails on it
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


asyncio.run(main())
