"""lib.safe_fetch: evidence URLs are fetched without reaching inside our network.

No internet here: real fetches go to a local http.server on 127.0.0.1, allowed explicitly, and
DNS is faked by monkeypatching socket.getaddrinfo for names under .example.
"""

import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import urllib3.util.connection

from lib.safe_fetch import (
    UrlRejected,
    check_url_syntax,
    fetch,
    host_on_domains,
    is_public_address,
    resolve_public,
)

LOCAL = ["127.0.0.1/32"]


# --- syntax -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, code",
    [
        ("javascript:alert(1)", "bad_scheme"),
        ("JavaScript:alert(1)", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("data:text/html,<script>alert(1)</script>", "bad_scheme"),
        ("ftp://muangkao.go.th/file.pdf", "bad_scheme"),
        ("gopher://muangkao.go.th:70/_", "bad_scheme"),
        ("//muangkao.go.th/", "bad_scheme"),
        ("muangkao.go.th/news", "bad_scheme"),
        ("http://user:pass@muangkao.go.th/", "credentials"),
        ("http://muangkao.go.th@evil.example/", "credentials"),
        ("http:///path", "no_host"),
        ("http://muangkao.go.th:8080/", "bad_port"),
        ("http://muangkao.go.th:22/", "bad_port"),
        ("http://muangkao.go.th:99999/", "bad_port"),
        ("http://muangkao.go.th/a\nb", "bad_chars"),
        ("http://muangkao.go.th/a\tb", "bad_chars"),
        ("http://muangkao.go.th/a b", "bad_chars"),
        ("http://muangkao.go.th/\x00", "bad_chars"),
        ("http://evil.example\\@muangkao.go.th/", "bad_chars"),
        ("http://muangkao.go.th/" + "a" * 2000, "too_long"),
        ("http://127.0.0.1/", "blocked_address"),
        ("http://[::1]/", "blocked_address"),
        ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
        ("http://10.0.0.5/", "blocked_address"),
        ("http://[::ffff:127.0.0.1]/", "blocked_address"),
        ("http://0.0.0.0/", "blocked_address"),
        ("http://127.1/", "bad_host"),
        ("http://2130706433/", "bad_host"),
        ("http://0x7f.0.0.1/", "bad_host"),
        ("http://-bad-.go.th/", "bad_host"),
    ],
)
def test_syntax_rejects_dangerous_or_malformed_urls(url, code):
    with pytest.raises(UrlRejected) as caught:
        check_url_syntax(url)
    assert caught.value.code == code
    assert str(caught.value)  # a readable message, not just a code


def test_syntax_normalises_case_idna_thai_paths_and_drops_the_fragment():
    assert check_url_syntax("HTTPS://WWW.MuangKao.go.th:443/a#top") == "https://www.muangkao.go.th/a"
    assert check_url_syntax("http://muangkao.go.th") == "http://muangkao.go.th/"
    assert check_url_syntax(" http://muangkao.go.th/x ") == "http://muangkao.go.th/x"
    thai = check_url_syntax("https://ตัวอย่าง.ไทย/ข่าว?q=%E0%B8%81")
    assert thai == "https://xn--72c1a1bt4awk9o.xn--o3cw4h/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7?q=%E0%B8%81"
    assert check_url_syntax("http://8.8.8.8/x") == "http://8.8.8.8/x"


def test_syntax_port_and_network_allow_lists_are_configurable():
    assert check_url_syntax("http://muangkao.go.th:8080/", allowed_ports=[8080]) == "http://muangkao.go.th:8080/"
    assert check_url_syntax("http://127.0.0.1/", allowed_networks=LOCAL) == "http://127.0.0.1/"


# --- domains ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host, domains, expected",
    [
        ("muangkao.go.th", ["muangkao.go.th"], True),
        ("www.muangkao.go.th", ["muangkao.go.th"], True),
        ("muangkao.go.th", ["www.muangkao.go.th"], True),
        ("news.muangkao.go.th", ["www.muangkao.go.th"], True),
        ("MuangKao.GO.TH.", ["muangkao.go.th"], True),
        ("muangkao.go.th", ["https://www.muangkao.go.th/"], True),
        ("evilmuangkao.go.th", ["muangkao.go.th"], False),
        ("muangkao.go.th.evil.example", ["muangkao.go.th"], False),
        ("go.th", ["muangkao.go.th"], False),
        ("muangkao.go.th", [], False),
        ("muangkao.go.th", ["", "  "], False),
        ("ตัวอย่าง.ไทย", ["xn--72c1a1bt4awk9o.xn--o3cw4h"], True),
        ("www.xn--72c1a1bt4awk9o.xn--o3cw4h", ["ตัวอย่าง.ไทย"], True),
    ],
)
def test_host_on_domains_matches_whole_labels_only(host, domains, expected):
    assert host_on_domains(host, domains) is expected


# --- addresses ----------------------------------------------------------------------------


def fake_dns(monkeypatch, table):
    """Answer names in TABLE (a list of IPs, or a list of such lists to answer in turn);
    everything else goes to the real resolver. Returns the list of names looked up."""
    real = socket.getaddrinfo
    calls = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            return real(host, port, *args, **kwargs)
        calls.append(host)
        answer = table[host]
        if answer and isinstance(answer[0], list):
            answer = answer[min(len(calls), len(answer)) - 1]
        infos = []
        for ip in answer:
            if ":" in ip:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, port, 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)))
        return infos

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


INTERNAL = [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
    "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "240.0.0.1",
    "192.0.2.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
    "2002:7f00:1::", "2002:a9fe:a9fe::1",  # 6to4 around 127.0.0.1 and the metadata address
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",  # NAT64 around 127.0.0.1 and metadata
]


@pytest.mark.parametrize("ip", INTERNAL)
def test_resolve_public_refuses_names_pointing_inside(monkeypatch, ip):
    fake_dns(monkeypatch, {"internal.example": [ip]})
    with pytest.raises(UrlRejected) as caught:
        resolve_public("internal.example", 80)
    assert caught.value.code == "blocked_address"


def test_resolve_public_refuses_if_any_address_is_internal(monkeypatch):
    fake_dns(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.1"]})
    with pytest.raises(UrlRejected):
        resolve_public("mixed.example", 443)


def test_resolve_public_returns_public_addresses(monkeypatch):
    fake_dns(monkeypatch, {"public.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "93.184.216.34"]})
    assert resolve_public("public.example", 443) == ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]
    assert is_public_address("2002:5db8:d822::1")  # 6to4 around a public address
    assert is_public_address("64:ff9b::5db8:d822")  # NAT64 around a public address


def test_resolve_public_allows_listed_networks_only(monkeypatch):
    fake_dns(monkeypatch, {"internal.example": ["127.0.0.1"], "meta.example": ["169.254.169.254"]})
    assert resolve_public("internal.example", 80, allowed_networks=LOCAL) == ["127.0.0.1"]
    with pytest.raises(UrlRejected):
        resolve_public("meta.example", 80, allowed_networks=LOCAL)


def test_resolve_public_reports_dns_failure(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(UrlRejected) as caught:
        resolve_public("nowhere.example", 80)
    assert caught.value.code == "dns"


# --- real fetches against a local server --------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send(status, headers=[("Location", location)])

    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("Host")))
        path = self.path.split("?", 1)[0]
        if path == "/ok":
            self.send(200, b"<h1>hello</h1>", [("Content-Type", "text/html; charset=utf-8")])
        elif path == "/missing":
            self.send(404, b"nope", [("Content-Type", "text/plain")])
        elif path == "/r1":
            self.redirect("/r2")
        elif path == "/r2":
            self.redirect(f"http://127.0.0.1:{self.server.server_port}/ok", 301)
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/meta":
            self.redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/to-internal-name":
            self.redirect(f"http://internal.example:{self.server.server_port}/ok")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/to-js":
            self.redirect("javascript:alert(1)")
        elif path == "/no-location":
            self.send(302)
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, b"late")
        elif path == "/big":
            self.send(200, b"x" * 100_000, [("Content-Type", "application/pdf")])
        else:
            self.send(500)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up (timeouts, refused certificates) are the point of the tests


def start(server):
    server.seen = []
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


@pytest.fixture
def server():
    srv = start(Server(("127.0.0.1", 0), Handler))
    yield srv
    srv.shutdown()
    srv.server_close()


def local(server, path="/ok", **kwargs):
    url = f"http://127.0.0.1:{server.server_port}{path}"
    kwargs.setdefault("domains", None)
    kwargs.setdefault("allowed_networks", LOCAL)
    kwargs.setdefault("allowed_ports", [server.server_port])
    return fetch(url, **kwargs)


def test_fetch_reports_status_content_type_and_bytes(server):
    result = local(server)
    assert result.ok and result.error_code == ""
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.bytes_read == len(b"<h1>hello</h1>")
    assert result.redirects == []
    assert result.final_url.endswith("/ok")
    assert result.elapsed_ms >= 0


def test_fetch_404_is_an_http_error_with_its_status(server):
    result = local(server, "/missing")
    assert (result.status, result.error_code) == (404, "http_error")


def test_fetch_follows_a_redirect_chain(server):
    result = local(server, "/r1")
    port = server.server_port
    assert result.redirects == [f"http://127.0.0.1:{port}/r2", f"http://127.0.0.1:{port}/ok"]
    assert result.final_url == f"http://127.0.0.1:{port}/ok"
    assert (result.status, result.error_code) == (200, "")


def test_fetch_stops_a_redirect_loop(server):
    result = local(server, "/loop", max_redirects=3)
    assert result.error_code == "too_many_redirects"
    assert len(result.redirects) == 3
    assert [p for p, _ in server.seen] == ["/loop"] * 4


def test_a_redirect_to_the_metadata_address_is_blocked_even_when_localhost_is_allowed(server):
    result = local(server, "/meta")
    assert result.error_code == "blocked_address"
    assert result.final_url == "http://169.254.169.254/latest/meta-data/"


def test_a_redirect_to_a_name_resolving_inside_is_blocked(server, monkeypatch):
    fake_dns(monkeypatch, {"internal.example": ["10.0.0.7"]})
    assert local(server, "/to-internal-name").error_code == "blocked_address"


@pytest.mark.parametrize("path", ["/to-file", "/to-js"])
def test_a_redirect_to_another_scheme_is_refused(server, path):
    assert local(server, path).error_code == "bad_scheme"


def test_a_redirect_without_location_is_reported(server):
    assert local(server, "/no-location").error_code == "bad_redirect"


def test_a_slow_site_times_out(server):
    started = time.monotonic()
    result = local(server, "/slow", timeout=0.3)
    assert result.error_code == "timeout"
    assert time.monotonic() - started < 1.2


def test_the_body_is_read_up_to_max_bytes_only(server):
    result = local(server, "/big", max_bytes=1000)
    assert (result.status, result.content_type, result.bytes_read) == (200, "application/pdf", 1000)


def test_the_local_server_is_blocked_without_allowed_networks(server):
    result = local(server, allowed_networks=())
    assert result.error_code == "blocked_address"
    assert result.status is None
    assert server.seen == []  # never contacted


def test_a_name_resolving_to_the_local_server_is_blocked_without_allowed_networks(server, monkeypatch):
    fake_dns(monkeypatch, {"agency.example": ["127.0.0.1"]})
    url = f"http://agency.example:{server.server_port}/ok"
    assert fetch(url, domains=None, allowed_ports=[server.server_port]).error_code == "blocked_address"
    assert server.seen == []


def test_fetch_connects_to_the_ip_but_names_the_host(server, monkeypatch):
    fake_dns(monkeypatch, {"agency.example": ["127.0.0.1"]})
    port = server.server_port
    result = fetch(
        f"http://agency.example:{port}/ok?q=1", domains=["www.agency.example"],
        allowed_networks=LOCAL, allowed_ports=[port],
    )
    assert result.status == 200 and result.on_agency_domain
    assert server.seen == [("/ok?q=1", f"agency.example:{port}")]
    other = fetch(f"http://agency.example:{port}/ok", domains=["other.example"], allowed_networks=LOCAL, allowed_ports=[port])
    assert other.status == 200 and not other.on_agency_domain


def test_dns_rebinding_cannot_steer_the_connection(monkeypatch):
    """The name answers a public address when checked and 127.0.0.1 afterwards: fetch looks
    it up once and connects only to the address it validated."""
    lookups = fake_dns(monkeypatch, {"rebind.example": [["93.184.216.34"], ["127.0.0.1"]]})
    connected = []

    def create_connection(address, *args, **kwargs):
        connected.append(address)
        raise ConnectionRefusedError("no network in tests")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
    result = fetch("http://rebind.example/evidence", domains=None)
    assert lookups == ["rebind.example"]
    assert connected == [("93.184.216.34", 80)]
    assert result.error_code == "connection"


def test_failures_are_codes_not_exceptions(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "unknown")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    assert fetch("https://nowhere.example/", domains=["nowhere.example"]).error_code == "dns"
    assert fetch("javascript:alert(1)", domains=None).error_code == "bad_scheme"
    assert fetch("http://[::1", domains=None).error_code in {"bad_host", "no_host"}


def test_the_query_string_never_reaches_the_log(server, caplog):
    caplog.set_level("DEBUG", logger="lib.safe_fetch")
    caplog.set_level("DEBUG", logger="urllib3")
    local(server, "/missing?token=SECRET123")
    local(server, "/ok?token=SECRET123", allowed_networks=())
    assert "/missing" in caplog.text
    assert any(r.name.startswith("urllib3") for r in caplog.records)
    assert "SECRET123" not in caplog.text


# --- TLS: the certificate is checked against the name, though we connect to the IP ----------


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    folder = tmp_path_factory.mktemp("certs")
    for name in ("agency.example", "other.example"):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
             "-keyout", str(folder / f"{name}.key"), "-out", str(folder / f"{name}.pem")],
            check=True, capture_output=True,
        )
    return folder


def https_server(certs, name):
    srv = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs / f"{name}.pem", certs / f"{name}.key")
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    return start(srv)


@pytest.mark.parametrize(
    "served, trusted, expected",
    [
        ("agency.example", "agency.example", ""),  # right name, trusted issuer
        ("agency.example", None, "tls"),  # self-signed, not in the CA bundle
        ("other.example", "other.example", "tls"),  # trusted, but for another name
    ],
)
def test_https_verifies_the_certificate_against_the_host_name(certs, monkeypatch, served, trusted, expected):
    srv = https_server(certs, served)
    try:
        fake_dns(monkeypatch, {"agency.example": ["127.0.0.1"]})
        port = srv.server_port
        result = fetch(
            f"https://agency.example:{port}/ok", domains=["agency.example"],
            allowed_networks=LOCAL, allowed_ports=[port],
            ca_certs=str(certs / f"{trusted}.pem") if trusted else None, timeout=5,
        )
        assert result.error_code == expected
        if not expected:
            assert result.status == 200 and result.on_agency_domain
    finally:
        srv.shutdown()
        srv.server_close()
