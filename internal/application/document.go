package application

import (
	"archive/zip"
	"bytes"
	"io"
)

// MaxDocumentBytes is the largest file an application may attach (5 MB).
const MaxDocumentBytes = 5 << 20

// The content types of the documents an application may attach.
const (
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

var (
	pdfHeader  = []byte("%PDF-")
	pdfTrailer = []byte("%%EOF")
	zipHeader  = []byte("PK\x03\x04")
	// docxMain is the content type a Word document's main part declares in
	// [Content_Types].xml; macro-enabled documents (.docm) declare another.
	docxMain = []byte("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
)

// pdfTrailerWindow is how near the end a PDF's "%%EOF" marker must be: the
// specification puts it on the last line; writers may add a little after it.
const pdfTrailerWindow = 1024

// DetectDocument tells from its content alone whether data is a document an
// application may attach, and its content type: a PDF (a "%PDF-" header and a
// "%%EOF" trailer near the end) or a Word document (DOCX: a ZIP archive holding
// [Content_Types].xml, declaring a Word main document, and word/document.xml).
// The file name and the type the browser sent are never trusted. Empty files
// and files over MaxDocumentBytes are refused. It never panics.
func DetectDocument(data []byte) (contentType string, ok bool) {
	if len(data) == 0 || len(data) > MaxDocumentBytes {
		return "", false
	}
	switch {
	case bytes.HasPrefix(data, pdfHeader):
		tail := data[max(0, len(data)-pdfTrailerWindow):]
		if bytes.Contains(tail, pdfTrailer) {
			return PDF, true
		}
	case bytes.HasPrefix(data, zipHeader):
		if isDOCX(data) {
			return DOCX, true
		}
	}
	return "", false
}

// maxContentTypesBytes bounds how much of [Content_Types].xml is read (it is a
// few hundred bytes in real documents; a ZIP bomb must not be inflated).
const maxContentTypesBytes = 64 << 10

func isDOCX(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	var types *zip.File
	hasDocument := false
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml":
			types = f
		case "word/document.xml":
			hasDocument = true
		}
	}
	if types == nil || !hasDocument {
		return false
	}
	rc, err := types.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxContentTypesBytes))
	if err != nil {
		return false
	}
	return bytes.Contains(b, docxMain)
}

// Extension returns the file name extension for a detected content type.
func Extension(contentType string) string {
	switch contentType {
	case PDF:
		return ".pdf"
	case DOCX:
		return ".docx"
	}
	return ""
}
