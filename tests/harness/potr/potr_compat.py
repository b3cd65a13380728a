"""Makes Debian's python3-potr 1.0.2 work with bookworm's pycryptodome (3.11).

potr 1.0.2 was written for the old PyCrypto API (upstream pure-python-otr issue 68):
- DSA: `key.sign(m, k)` / `key.verify(m, sig)` and `DSA.generate(...).key.y` no longer exist;
  pycryptodome keeps the raw operations as `_sign(m, k)` / `_verify(m, (r, s))` on integers;
- AES-CTR: a callable counter object is refused; pycryptodome wants `Counter.new(...)`.
`install()` patches potr in place before any OTR object exists. Nothing else is changed:
the protocol code is potr's own, so the peer stays an independent implementation.
"""

from numbers import Number

from Cryptodome.Cipher import AES
from Cryptodome.PublicKey import DSA
from Cryptodome.Util import Counter as CryptodomeCounter

import potr.compatcrypto
import potr.compatcrypto.pycrypto as pycrypto
import potr.crypt
from potr.utils import bytes_to_long, long_to_bytes


def _aes_ctr(key, counter=0):
    """AES-CTR with potr's 8-byte prefix + 8-byte block counter."""
    if isinstance(counter, Number):
        counter = pycrypto.Counter(counter)
    if not isinstance(counter, pycrypto.Counter):
        raise TypeError("unexpected counter type")
    ctr = CryptodomeCounter.new(64, prefix=counter.byteprefix(), initial_value=counter.val)
    return AES.new(key, AES.MODE_CTR, counter=ctr)


def _sign(self, data):
    k = pycrypto.randrange(2, self.priv.q)
    r, s = self.priv._sign(bytes_to_long(data), k)
    return long_to_bytes(r, 20) + long_to_bytes(s, 20)


def _verify(self, data, sig):
    r, s = bytes_to_long(sig[:20]), bytes_to_long(sig[20:])
    return self.pub._verify(bytes_to_long(data), (r, s))


@classmethod
def _generate(cls):
    key = DSA.generate(1024)
    return cls((key.y, key.g, key.p, key.q, key.x), private=True)


def install():
    """Patches potr for pycryptodome; call once before using potr."""
    pycrypto.AESCTR = _aes_ctr
    potr.compatcrypto.AESCTR = _aes_ctr
    potr.crypt.AESCTR = _aes_ctr
    pycrypto.DSAKey.sign = _sign
    pycrypto.DSAKey.verify = _verify
    pycrypto.DSAKey.generate = _generate
