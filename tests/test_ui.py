"""The web UI answers through its public API, as gradio_client (and the page) call it."""
import socket

import pytest

from rag.types import Hit
from ui.app import render_hits



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cards_escape_record_text():
    hit = Hit(text="<script>alert(1)</script>正文", score=0.9, date="2020-03-04", topic="<img src=x onerror=alert(1)>",
              place="QQ线上", source="a&b.txt", paragraph=0, heading=None, line=3, record=0)
    page = render_hits([hit])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<img" not in page and "a&amp;b.txt" in page and "2020年3月4日" in page


@pytest.mark.slow
def test_search_api_with_gradio_client(seed_index, real_encoder):
    from gradio_client import Client

    from ui.app import serve
    port = _free_port()
    demo = serve(index_dir=seed_index, port=port, prevent_thread_lock=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        html, hits = client.predict("应急物资保障要遵循哪些原则？", 3, api_name="/search")
        assert len(hits) == 3
        assert "集中管理、统一调拨、平时服务、灾时应急" in hits[0]["text"]
        assert hits[0]["date"] == "2020-03-04" and hits[0]["source"] == "000_5fe3251cdd8066f2.txt"
        assert 'class="sq-card"' in html and "2020年3月4日" in html
        html, hits = client.predict("   ", 3, api_name="/search")
        assert hits == [] and "请输入问题" in html
    finally:
        demo.close()
