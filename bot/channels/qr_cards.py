"""Printable QR cards for labour inspectors: per language, business-card (85 x 55 mm) and A6
(105 x 148 mm) sizes, as PDF, PNG and SVG. The code opens the web chat in the card's language
with src=nla; optionally a second code opens a WhatsApp chat. Two short lines in the card's
language say what the chat helps with.

The base URL and the WhatsApp number are configuration (CHAT_BASE_URL, WHATSAPP_NUMBER), never
code: the defaults only suit a local test.
"""
from __future__ import annotations

import html
import importlib.util
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import segno
from PIL import Image, ImageDraw, ImageFont

from bot import messages as M
from bot.i18n import translate
from bot.language.registry import SUPPORTED_LANGUAGES

DPI = 300
MM = DPI / 25.4
# A font with Polish, Romanian and Cyrillic letters that ships with matplotlib (a Rasa dependency);
# found on disk without importing matplotlib.
FONT = (Path(importlib.util.find_spec("matplotlib").submodule_search_locations[0])
        / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf")
FONT_BOLD = FONT.with_name("DejaVuSans-Bold.ttf")
INK = "#154273"


@dataclass(frozen=True)
class CardSize:
    name: str
    width_mm: float
    height_mm: float


SIZES = {"card": CardSize("card", 85, 55), "a6": CardSize("a6", 105, 148)}


def chat_url(base_url: str, lang: str, src: str = "nla") -> str:
    return f"{base_url.rstrip('/')}/?{urlencode({'lang': lang, 'src': src})}"


def whatsapp_url(number: str, lang: str) -> str:
    digits = re.sub(r"\D", "", number)
    return f"https://wa.me/{digits}?text={quote(translate(lang, M.TOPIC_BUTTONS['ask_human']))}"


def _qr_image(url: str, size_px: int) -> Image.Image:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2, dark=INK)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB").resize((size_px, size_px), Image.NEAREST)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines


def render_png(size: CardSize, lang: str, url: str, whatsapp: str | None) -> Image.Image:
    width, height = round(size.width_mm * MM), round(size.height_mm * MM)
    card = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(card)
    margin = round(4 * MM)
    landscape = width > height
    codes = [url] + ([whatsapp] if whatsapp else [])
    scale = 0.85 if landscape and whatsapp else 1.0  # two codes on a business card: smaller text
    title_font = ImageFont.truetype(str(FONT_BOLD), round((3.3 if landscape else 4.6) * MM * scale))
    body_font = ImageFont.truetype(str(FONT), round((2.8 if landscape else 4.0) * MM * scale))
    label_font = ImageFont.truetype(str(FONT), round(2.4 * MM))
    if landscape and not whatsapp:
        # One code on the left, the text beside it.
        qr_size = height - 2 * margin
        card.paste(_qr_image(url, qr_size), (margin, margin))
        text_x, text_y = 2 * margin + qr_size, margin
    else:
        # Codes side by side at the top, the WhatsApp one labelled, the text below.
        n = len(codes)
        qr_size = min((width - 2 * margin - (n - 1) * margin) // n,
                      round(height * (0.5 if landscape else 0.6)))
        x = (width - n * qr_size - (n - 1) * margin) // 2
        for i, code in enumerate(codes):
            card.paste(_qr_image(code, qr_size), (x + i * (qr_size + margin), margin))
        text_y = margin + qr_size + margin // 3
        if whatsapp:
            label = translate(lang, M.CARD_WHATSAPP)
            label_x = x + qr_size + margin + (qr_size - draw.textlength(label, font=label_font)) / 2
            draw.text((label_x, text_y), label, fill=INK, font=label_font)
            text_y += round(label_font.size * 1.5)
        text_x = margin
    text_width = width - text_x - margin
    for text, font in ((translate(lang, M.CARD_LINE_1), title_font),
                       (translate(lang, M.CARD_LINE_2), body_font)):
        for line in _wrap(draw, text, font, text_width):
            draw.text((text_x, text_y), line, fill=INK, font=font)
            text_y += round(font.size * 1.25)
        text_y += round(font.size * 0.4)
    return card


def render_svg(size: CardSize, lang: str, url: str, whatsapp: str | None) -> str:
    """A vector card: the QR code as SVG paths and the two lines as text."""
    w, h = size.width_mm, size.height_mm
    qr_mm = min(w, h) * 0.6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" '
             f'viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#fff"/>']
    for i, code in enumerate([url] + ([whatsapp] if whatsapp else [])):
        qr = segno.make(code, error="m")
        modules = qr.symbol_size(scale=1, border=2)[0]
        scale = qr_mm / modules
        inner = qr.svg_inline(scale=1, border=2, dark=INK, omitsize=True)
        inner = re.sub(r"^<svg[^>]*>|</svg>$", "", inner)
        parts.append(f'<g transform="translate({4 + i * (qr_mm + 2)},4) scale({scale})">'
                     f'{inner}</g>')
    y = 4 + qr_mm + 6
    for text, size_pt, weight in ((translate(lang, M.CARD_LINE_1), 3.4, "bold"),
                                  (translate(lang, M.CARD_LINE_2), 2.9, "normal")):
        parts.append(f'<text x="4" y="{y}" font-family="DejaVu Sans, sans-serif" '
                     f'font-size="{size_pt}" '
                     f'font-weight="{weight}" fill="{INK}">{html.escape(text)}</text>')
        y += size_pt * 1.6
    parts.append("</svg>")
    return "".join(parts)


def make_cards(out_dir: Path, base_url: str, langs=SUPPORTED_LANGUAGES, src: str = "nla",
               whatsapp_number: str | None = None) -> list[Path]:
    """Writes <lang>-<size>.pdf/.png/.svg for every language and size; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        url = chat_url(base_url, lang, src)
        whatsapp = whatsapp_url(whatsapp_number, lang) if whatsapp_number else None
        for size in SIZES.values():
            stem = out_dir / f"{lang}-{size.name}"
            image = render_png(size, lang, url, whatsapp)
            image.save(stem.with_suffix(".png"), dpi=(DPI, DPI))
            image.save(stem.with_suffix(".pdf"), resolution=DPI)
            stem.with_suffix(".svg").write_text(render_svg(size, lang, url, whatsapp),
                                                encoding="utf-8")
            written += [stem.with_suffix(s) for s in (".png", ".pdf", ".svg")]
    return written
