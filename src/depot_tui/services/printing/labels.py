"""Piece labels (R-2.11) in the label printer's language: ZPL II (Zebra, and most Chinese
printers' emulation) or TSPL (TSC, and the Gprinter/Xprinter printers most Chinese depots
buy). The printer draws the Code 128 barcode itself (ZPL ^BC, TSPL BARCODE "128"), so no image
is made here. One 100 x 70 mm label per piece at 203 dpi (800 x 560 dots): station and county in
large type, the barcode with its text under it, piece n of N and the number, the consignee.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelText:
    labels: list[str]
    number: str
    destination: str
    station: str
    consignee: str
    pieces: int


def zpl_text(text: str) -> str:
    """Text for a ZPL ^FD field: ^ and ~ are commands there, so they are replaced."""
    return text.replace("^", " ").replace("~", " ")


def zpl(label: LabelText, font: str) -> bytes:
    """ZPL in UTF-8 (^CI28), Chinese in `font`, a font stored on the printer (E:SIMSUN.TTF)."""
    out = []
    for index, code in enumerate(label.labels, 1):
        out.append(
            "\n".join(
                [
                    "^XA",
                    "^CI28",
                    "^PW800",
                    "^LL560",
                    f"^FO30,20^A@N,70,70,{font}^FD{zpl_text(label.station)} {zpl_text(label.destination)}^FS",
                    f"^FO30,110^BY3^BCN,180,Y,N,N^FD{code}^FS",
                    f"^FO30,350^A@N,48,48,{font}^FD{index}/{label.pieces}  {label.number}^FS",
                    f"^FO30,420^A@N,40,40,{font}^FD{zpl_text(label.consignee)[:20]}^FS",
                    "^XZ",
                ]
            )
        )
    return ("\n".join(out) + "\n").encode("utf-8")


#: The simplified-Chinese bitmap font every TSPL printer sold in China carries (24 x 24 dots,
#: GB2312/GBK text).
TSPL_FONT = "TSS24.BF2"


def tspl_text(text: str) -> str:
    """Text for a TSPL string: a double quote would end it."""
    return text.replace('"', "'").replace("\r", " ").replace("\n", " ")


def tspl(label: LabelText) -> bytes:
    """TSPL in GB18030 (the printers' Chinese font reads GBK; GB18030 is its superset)."""
    out = ["SIZE 100 mm,70 mm", "GAP 2 mm,0 mm", "DIRECTION 1", "REFERENCE 0,0"]
    for index, code in enumerate(label.labels, 1):
        out += [
            "CLS",
            f'TEXT 30,20,"{TSPL_FONT}",0,3,3,"{tspl_text(label.station)} {tspl_text(label.destination)}"',
            f'BARCODE 30,110,"128",180,2,0,3,6,"{code}"',
            f'TEXT 30,350,"{TSPL_FONT}",0,2,2,"{index}/{label.pieces}  {label.number}"',
            f'TEXT 30,420,"{TSPL_FONT}",0,2,2,"{tspl_text(label.consignee)[:20]}"',
            "PRINT 1,1",
        ]
    return ("\r\n".join(out) + "\r\n").encode("gb18030", errors="replace")
