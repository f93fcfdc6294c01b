"""A minimal SMTP server for delivery tests (the standard library no longer has one): it speaks
enough ESMTP for smtplib, optionally offers SMTPUTF8, and records every envelope and message."""

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        envelope = {"mail_from": None, "rcpt_to": [], "data": b"", "options": []}
        self.reply("220 test ESMTP")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                extensions = ["8BITMIME", *(["SMTPUTF8"] if server.smtputf8 else [])]
                for ext in extensions:
                    self.reply(f"250-{ext}")
                self.reply("250 OK")
            elif verb == "MAIL":
                address, _, options = line[10:].partition(" ")
                envelope["mail_from"], envelope["options"] = address.strip("<>"), options.split()
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["rcpt_to"].append(line[8:].strip("<> "))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(chunk)
                envelope["data"] = b"".join(lines)
                server.messages.append(dict(envelope))
                self.reply("250 queued")
            elif verb == "RSET" or verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, smtputf8=True):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.smtputf8 = smtputf8
        self.messages = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    @property
    def port(self):
        return self.server_address[1]
