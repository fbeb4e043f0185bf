package api

import (
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/search"
)

// HandWrittenSearchJSON is the search response as the API writes it.
func HandWrittenSearchJSON(q search.Query, res app.Results, now time.Time) []byte {
	return appendSearchResponse(nil, q, res, now)
}

// ReferenceSearchJSON is the same response through encoding/json.
func ReferenceSearchJSON(q search.Query, res app.Results, now time.Time) ([]byte, error) {
	return encode(searchResponseOf(q, res, now))
}

// AppendString and AppendFloat expose the encoder's primitives to the tests.
var (
	AppendString = appendString
	AppendFloat  = appendFloat
)
