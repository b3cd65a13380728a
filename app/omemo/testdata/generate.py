#!/usr/bin/env python3
"""Generates vectors.json: values computed by the independent Python OMEMO implementation
(python-omemo and its Oldmemo/Twomemo backends, X3DH, DoubleRatchet, XEdDSA/libxeddsa) from
fixed keys, for messenger-omemo's tests (tests/vectors.rs). See README.md for how to rerun.

All randomness the libraries ask for is replaced by labelled deterministic bytes and logged,
so that the Rust side can replay the same choices and must produce the same bytes."""

import asyncio
import base64
import json
import sys
import xml.etree.ElementTree as ET
from importlib.metadata import version

import omemo
import xeddsa
import oldmemo.etree
import twomemo.etree

from omemo_support import NAMESPACES, Randomness, b64, det, make_backend

ETREES = {"axolotl": oldmemo.etree, "omemo2": twomemo.etree}


def xeddsa_vectors():
    out = {"xeddsa": [], "legacy_sign_bit": [], "identity": []}
    for i in range(4):
        priv = det(f"xeddsa priv {i}")
        msg = det(f"xeddsa message {i}", 33 + i)
        nonce = det(f"xeddsa nonce {i}", 64)
        curve = xeddsa.priv_to_curve25519_pub(priv)
        forced = xeddsa.priv_force_sign(priv, False)
        sig = xeddsa.ed25519_priv_sign(forced, msg, nonce)
        assert xeddsa.ed25519_verify(sig, xeddsa.curve25519_pub_to_ed25519_pub(curve, False), msg)
        out["xeddsa"].append({"private": b64(priv), "public": b64(curve), "message": b64(msg),
                              "nonce": b64(nonce), "signature": b64(sig)})
    for i in range(4):
        # python-omemo's OMEMO 0.3 bundles: an Ed25519 signature by a seed-derived key, with the
        # Ed25519 key's sign bit stored in the signature's top bit.
        seed = det(f"legacy seed {i}")
        msg = b"\x05" + det(f"legacy spk {i}")
        ed = xeddsa.seed_to_ed25519_pub(seed)
        sig = bytearray(xeddsa.ed25519_seed_sign(seed, msg))
        sig[63] |= ed[31] & 0x80
        out["legacy_sign_bit"].append({"public": b64(xeddsa.ed25519_pub_to_curve25519_pub(ed)),
                                       "message": b64(msg), "signature": b64(bytes(sig)),
                                       "sign_bit": bool(ed[31] & 0x80)})
    for i in range(4):
        seed = det(f"identity seed {i}")
        msg = det(f"identity message {i}", 40)
        ed = xeddsa.seed_to_ed25519_pub(seed)
        out["identity"].append({"seed": b64(seed), "x25519_private": b64(xeddsa.seed_to_priv(seed)),
                                "ed25519_public": b64(ed),
                                "curve25519_public": b64(xeddsa.ed25519_pub_to_curve25519_pub(ed)),
                                "message": b64(msg), "ed25519_signature": b64(xeddsa.ed25519_seed_sign(seed, msg))})
    return out


def find_key(xml: bytes, ns: str, rid: int):
    element = ET.fromstring(xml)
    nsx = "{" + NAMESPACES[ns].NAMESPACE + "}"
    for key in element.iter(f"{nsx}key"):
        if int(key.get("rid")) == rid:
            flag = key.get("prekey" if ns == "axolotl" else "kex", "false") in ("true", "1")
            return base64.b64decode(key.text), flag
    raise KeyError(rid)


async def conversation(ns: str):
    module = NAMESPACES[ns]
    etree = ETREES[ns]
    rnd = Randomness(f"omemo-vectors/{ns}")
    rnd.install()

    captured = []  # message keys and shared secrets, in order
    aead = module.AEADImpl
    enc, dec = aead.encrypt.__func__, aead.decrypt.__func__

    async def encrypt(cls, plaintext, key, ad):
        captured.append({"actor": rnd.actor, "kind": "send", "message_key": b64(key)})
        return await enc(cls, plaintext, key, ad)

    async def decrypt(cls, ciphertext, key, ad):
        captured.append({"actor": rnd.actor, "kind": "receive", "message_key": b64(key)})
        return await dec(cls, ciphertext, key, ad)

    aead.encrypt = classmethod(encrypt)
    aead.decrypt = classmethod(decrypt)
    state_cls = module.StateImpl
    active, passive = state_cls.get_shared_secret_active, state_cls.get_shared_secret_passive
    secrets_log = {}

    async def get_active(self, bundle, *a, **k):
        result = await active(self, bundle, *a, **k)
        secrets_log["initiator"] = {"shared_secret": b64(result[0]), "associated_data": b64(result[1])}
        return result

    async def get_passive(self, header, *a, **k):
        result = await passive(self, header, *a, **k)
        secrets_log["responder"] = {"shared_secret": b64(result[0]), "associated_data": b64(result[1])}
        return result

    state_cls.get_shared_secret_active = get_active
    state_cls.get_shared_secret_passive = get_passive

    alice_jid, alice_dev = "alice@example.org", 1001
    bob_jid, bob_dev = "bob@example.org", 2002
    keys = {
        "alice": {"seed": det(f"{ns} alice seed"), "spk": det(f"{ns} alice spk"), "spk_id": 1,
                  "spk_nonce": det(f"{ns} alice spk nonce", 64), "pre_keys": {1: det(f"{ns} alice pk 1")}},
        "bob": {"seed": det(f"{ns} bob seed"), "spk": det(f"{ns} bob spk"), "spk_id": 7,
                "spk_nonce": det(f"{ns} bob spk nonce", 64),
                "pre_keys": {i: det(f"{ns} bob pk {i}") for i in (11, 12, 13)}},
    }
    alice, _, _ = await make_backend(ns, keys["alice"]["seed"], keys["alice"]["spk"], keys["alice"]["spk_id"],
                                     keys["alice"]["spk_nonce"], keys["alice"]["pre_keys"])
    bob, _, _ = await make_backend(ns, keys["bob"]["seed"], keys["bob"]["spk"], keys["bob"]["spk_id"],
                                   keys["bob"]["spk_nonce"], keys["bob"]["pre_keys"])
    bob_bundle = await bob.get_bundle(bob_jid, bob_dev)
    alice_bundle = await alice.get_bundle(alice_jid, alice_dev)
    bundle_xml = ET.tostring(etree.serialize_bundle(bob_bundle))
    chosen_pub = xeddsa.priv_to_curve25519_pub(keys["bob"]["pre_keys"][12])
    rnd.choose = lambda options: chosen_pub

    steps = []
    alice_session = None
    bob_session = None

    async def send(sender, text):
        nonlocal alice_session, bob_session
        rnd.actor = sender
        backend = alice if sender == "alice" else bob
        content, pkm = await backend.encrypt_plaintext(text.encode())
        if sender == "alice" and alice_session is None:
            alice_session, ekm = await alice.build_session_active(bob_jid, bob_dev, bob_bundle, pkm)
        else:
            session = alice_session if sender == "alice" else bob_session
            ekm = await backend.encrypt_key_material(session, pkm)
        session = alice_session if sender == "alice" else bob_session
        kex = session.key_exchange if (sender == "alice" and not session.confirmed) else None
        message = omemo.Message(module.NAMESPACE, alice_jid if sender == "alice" else bob_jid,
                                alice_dev if sender == "alice" else bob_dev, content, frozenset({(ekm, kex)}))
        xml = ET.tostring(etree.serialize_message(message))
        return {"sender": sender, "plaintext": text, "xml": xml.decode(), "key_exchange": kex is not None,
                "payload_key": b64(pkm.key), "payload_tag": b64(pkm.auth_tag)}

    async def receive(receiver, sent):
        nonlocal bob_session
        rnd.actor = receiver
        rid = bob_dev if receiver == "bob" else alice_dev
        data, flag = find_key(sent["xml"].encode(), ns, rid)
        backend = bob if receiver == "bob" else alice
        sender_jid, sender_dev = (alice_jid, alice_dev) if receiver == "bob" else (bob_jid, bob_dev)
        element = ET.fromstring(sent["xml"])
        nsx = "{" + module.NAMESPACE + "}"
        payload = base64.b64decode(element.find(f"{nsx}payload").text)
        if ns == "axolotl":
            iv = base64.b64decode(element.find(f"{nsx}header/{nsx}iv").text)
            content = module.ContentImpl(payload, iv)
        else:
            content = module.ContentImpl(payload)
        if flag and receiver == "bob" and bob_session is None:
            if ns == "axolotl":
                sign_bit = bool(alice_bundle.identity_key[31] & 0x80)
                kex, auth = module.KeyExchangeImpl.parse(data, sign_bit)
            else:
                kex, auth = module.KeyExchangeImpl.parse(data)
            ekm = module.EncryptedKeyMaterialImpl.parse(auth, sender_jid, sender_dev)
            bob_session, pkm = await bob.build_session_passive(sender_jid, sender_dev, kex, ekm)
        else:
            if flag:
                if ns == "axolotl":
                    _, data = module.KeyExchangeImpl.parse(data, bool(alice_bundle.identity_key[31] & 0x80))
                else:
                    _, data = module.KeyExchangeImpl.parse(data)
            ekm = module.EncryptedKeyMaterialImpl.parse(data, sender_jid, sender_dev)
            session = bob_session if receiver == "bob" else alice_session
            pkm = await backend.decrypt_key_material(session, ekm)
        plaintext = (await backend.decrypt_plaintext(content, pkm)).decode()
        assert plaintext == sent["plaintext"], (plaintext, sent["plaintext"])
        return plaintext

    script = [("send", "alice", "m0"), ("send", "alice", "m1"), ("send", "alice", "m2"),
              ("recv", "bob", "m0"), ("recv", "bob", "m2"), ("recv", "bob", "m1"),
              ("send", "bob", "r0"), ("send", "bob", "r1"),
              ("recv", "alice", "r1"), ("recv", "alice", "r0"),
              ("send", "alice", "m3"), ("send", "alice", "m4"), ("send", "alice", "m5"),
              ("recv", "bob", "m5"), ("recv", "bob", "m3"), ("recv", "bob", "m4"),
              ("send", "bob", "r2"), ("recv", "alice", "r2")]
    sent = {}
    for action, actor, name in script:
        if action == "send":
            sent[name] = await send(actor, f"{name}: message {name} from {actor} ✓")
            steps.append({"action": "send", "actor": actor, "name": name, **sent[name]})
        else:
            await receive(actor, sent[name])
            steps.append({"action": "receive", "actor": actor, "name": name})

    def keyset(who):
        k = keys[who]
        return {"seed": b64(k["seed"]), "signed_pre_key": b64(k["spk"]), "signed_pre_key_id": k["spk_id"],
                "pre_keys": [{"id": i, "private": b64(p)} for i, p in sorted(k["pre_keys"].items())]}

    return {
        "namespace": module.NAMESPACE,
        "alice": {"jid": alice_jid, "device": alice_dev, **keyset("alice")},
        "bob": {"jid": bob_jid, "device": bob_dev, **keyset("bob")},
        "bob_bundle_xml": bundle_xml.decode(),
        "chosen_pre_key_id": 12,
        "x3dh": secrets_log,
        "randomness": rnd.log,
        "message_keys": captured,
        "steps": steps,
    }


async def main():
    vectors = {
        "generator": "app/omemo/testdata/generate.py",
        "python": sys.version.split()[0],
        "packages": {name: version(name) for name in
                     ("OMEMO", "Oldmemo", "Twomemo", "X3DH", "DoubleRatchet", "XEdDSA", "protobuf", "cryptography")},
        **xeddsa_vectors(),
        "axolotl": await conversation("axolotl"),
        "omemo2": await conversation("omemo2"),
    }
    json.dump(vectors, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


asyncio.run(main())
