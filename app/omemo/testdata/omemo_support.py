"""Shared helpers for generate.py and peer.py: an in-memory python-omemo storage, fixed key
states for the Oldmemo/Twomemo backends, and a deterministic randomness hook."""

import base64
import hashlib
import inspect

import omemo
import x3dh
import xeddsa
from omemo.storage import Just, Maybe, Nothing, Storage

import oldmemo
import oldmemo.oldmemo
import twomemo
import twomemo.twomemo
import doubleratchet.recommended.diffie_hellman_ratchet_curve25519 as dr25519
import x3dh.base_state

NAMESPACES = {"axolotl": oldmemo.oldmemo, "omemo2": twomemo.twomemo}
BACKENDS = {"axolotl": oldmemo.Oldmemo, "omemo2": twomemo.Twomemo}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


def det(label: str, n: int = 32) -> bytes:
    """Deterministic bytes: SHA-512 of a label, cut to n bytes (n <= 64)."""
    return hashlib.sha512(label.encode()).digest()[:n]


class MemoryStorage(Storage):
    def __init__(self):
        super().__init__()
        self.data = {}

    async def _load(self, key):
        if key in self.data:
            return Just(self.data[key])
        return Nothing()

    async def _store(self, key, value):
        self.data[key] = value
        return None

    async def _delete(self, key):
        self.data.pop(key, None)
        return None


class Randomness:
    """Replaces the libraries' random sources with labelled deterministic bytes and logs
    every value with the function that asked for it."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.counter = 0
        self.log = []
        self.actor = "?"
        self.choose = None

    def next(self, n, purpose):
        self.counter += 1
        value = det(f"{self.prefix}/{self.counter}", n)
        self.log.append({"actor": self.actor, "purpose": purpose, "value": b64(value)})
        return value

    def install(self):
        rnd = self

        class Secrets:
            @staticmethod
            def token_bytes(n):
                caller = inspect.stack()[1].function
                return rnd.next(n, caller)

            @staticmethod
            def choice(options):
                options = list(options)
                if rnd.choose is not None:
                    return rnd.choose(options)
                return sorted(options)[0]

        x3dh.base_state.secrets = Secrets
        oldmemo.oldmemo.secrets = Secrets
        twomemo.twomemo.secrets = Secrets
        dr25519.DiffieHellmanRatchet._generate_priv = staticmethod(lambda: rnd.next(32, "ratchet"))


async def make_backend(ns: str, seed: bytes, spk_priv: bytes, spk_id: int, spk_nonce: bytes,
                       pre_keys: dict, old_spk=None):
    """A backend whose X3DH state holds exactly the given keys. Returns (backend, storage,
    spk_signature_as_python_makes_it)."""
    module = NAMESPACES[ns]
    storage = MemoryStorage()
    await storage.store("/ikp/is_seed", True)
    await storage.store_bytes("/ikp/key", seed)
    priv = xeddsa.seed_to_priv(seed)
    spk_pub = xeddsa.priv_to_curve25519_pub(spk_priv)
    encoded = module.StateImpl._encode_public_key(x3dh.IdentityKeyFormat.CURVE_25519, spk_pub)
    # What x3dh.BaseState.__generate_spk does (ED_25519 identity format: no sign forcing),
    # with a fixed nonce instead of a random one.
    sig = xeddsa.ed25519_priv_sign(priv, encoded, spk_nonce)
    model = x3dh.models.BaseStateModel(
        identity_key=x3dh.models.IdentityKeyPairModel(secret=seed, secret_type=x3dh.types.SecretType.SEED),
        signed_pre_key=x3dh.models.SignedPreKeyPairModel(priv=spk_priv, sig=sig, timestamp=0),
        old_signed_pre_key=None,
        pre_keys=frozenset(pre_keys.values()),
    )
    state = module.StateImpl.from_model(model, x3dh.IdentityKeyFormat.ED_25519, x3dh.HashFunction.SHA_256,
                                        module.StateImpl.INFO)
    await storage.store(f"/{module.NAMESPACE}/x3dh", state.json)
    await storage.store(f"/{module.NAMESPACE}/signed_pre_key_ids", {b64(spk_pub): spk_id})
    await storage.store(f"/{module.NAMESPACE}/pre_key_ids",
                        {b64(xeddsa.priv_to_curve25519_pub(p)): i for i, p in pre_keys.items()})
    await storage.store(f"/{module.NAMESPACE}/pre_key_id_counter", max(pre_keys.keys(), default=0))
    # The per-message bound must be left at None: python-omemo 2.1.0 raises for any explicit
    # value (operator precedence in Backend.__init__).
    backend = BACKENDS[ns](storage, 1000)
    return backend, storage, sig
