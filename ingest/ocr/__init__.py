"""OCR of scanned pages: tesseract through tesserocr, tables read cell by cell from pixels.

Modules, one job each: settings (when OCR runs, where results are cached), policy (which
page needs it), engine (tesseract), deskew, grid (rules and cells), cellimage (what
tesseract is shown), page (one page image read), repair (OCR text repairs), digits (Thai
digits tesseract's Thai model cannot write), cache (results on disk), reader (a PDF page
through the cache).
"""
