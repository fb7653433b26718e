"""Exports: the Excel workbook and PDFs in the form a county office accepts (DESIGN §5).

`exports.api.export` is the entry point; `exports.cli` adds the `export` sub-command to main.py.
"""
