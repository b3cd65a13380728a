#!/usr/bin/python3
"""Stands in for the messenger in the launcher's tests.

Checks the environment the launcher promises, connects through tor's SOCKS port (SOCKS5,
hostname resolved by tor) to an IRC server, registers, sends PING with a token and waits for
the PONG carrying it back. Exits with EXIT_OK (42) on success so the test can see that the
launcher passes the app's own status through; any failure exits 1 with a message on stderr.
"""
import os
import socket
import struct
import sys

EXIT_OK = 42


def fail(message):
    print(f"socks_irc_client: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def recv_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            fail("SOCKS server closed the connection")
        data += chunk
    return data


def socks5_connect(proxy, host, port):
    proxy_host, proxy_port = proxy.rsplit(":", 1)
    sock = socket.create_connection((proxy_host, int(proxy_port)), timeout=30)
    sock.sendall(b"\x05\x01\x00")
    if recv_exact(sock, 2) != b"\x05\x00":
        fail("SOCKS5 greeting refused")
    name = host.encode()
    # ATYP 3: a domain name, so tor resolves it (no local DNS).
    sock.sendall(b"\x05\x01\x00\x03" + bytes([len(name)]) + name + struct.pack(">H", port))
    head = recv_exact(sock, 4)
    if head[1] != 0:
        fail(f"SOCKS5 connect failed with reply code {head[1]}")
    address_length = {1: 4, 4: 16}.get(head[3])
    if address_length is None:
        address_length = recv_exact(sock, 1)[0]
    recv_exact(sock, address_length + 2)
    return sock


def has_pong(data):
    _, found, rest = data.partition(b"PONG")
    return bool(found) and b"launcher-token" in rest


def main():
    host, port, nick = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    socks = os.environ.get("TOR_MESSENGER_SOCKS") or fail("TOR_MESSENGER_SOCKS is not set")
    control = os.environ.get("TOR_MESSENGER_CONTROL") or fail("TOR_MESSENGER_CONTROL is not set")
    cookie = os.environ.get("TOR_MESSENGER_CONTROL_COOKIE") or fail("no TOR_MESSENGER_CONTROL_COOKIE")
    if os.path.getsize(cookie) != 32:
        fail("the control cookie is not 32 bytes")
    if not os.environ.get("TOR_MESSENGER_PROFILE"):
        fail("TOR_MESSENGER_PROFILE is not set")
    print(f"socks_irc_client: SOCKS {socks} control {control}", file=sys.stderr, flush=True)
    sock = socks5_connect(socks, host, port)
    sock.sendall(f"NICK {nick}\r\nUSER {nick} 0 * :test\r\nPING :launcher-token\r\n".encode())
    received = b""
    while not has_pong(received):
        chunk = sock.recv(4096)
        if not chunk:
            fail(f"server closed before PONG; got {received[-200:]!r}")
        received += chunk
    sock.sendall(b"QUIT\r\n")
    sock.close()
    print("socks_irc_client: got PONG through tor", file=sys.stderr, flush=True)
    sys.exit(EXIT_OK)


main()
