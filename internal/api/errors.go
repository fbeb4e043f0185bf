package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/lang"
)

// Error codes: a stable, public contract (see the Error schema in openapi.json).
const (
	CodeBadParameter     = "bad_parameter"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeInternal         = "internal"
)

// Error is an API error: an HTTP status, a stable code, and a message safe to
// show, in both languages. Params lists the request parameters at fault.
type Error struct {
	Status  int
	Code    string
	Message lang.Text
	Params  []app.ParamError
}

func (e *Error) Error() string { return "api: " + e.Code + ": " + e.Message.EN }

var (
	errNotFound = &Error{Status: http.StatusNotFound, Code: CodeNotFound,
		Message: lang.T("Not found.", "Introuvable.")}
	errMethodNotAllowed = &Error{Status: http.StatusMethodNotAllowed, Code: CodeMethodNotAllowed,
		Message: lang.T("This address accepts only GET requests.", "Cette adresse n'accepte que les requêtes GET.")}
	errInternal = &Error{Status: http.StatusInternalServerError, Code: CodeInternal,
		Message: lang.T("Something went wrong on our side. Please try again later.", "Une erreur s'est produite de notre côté. Veuillez réessayer plus tard.")}
)

// badParameters is the error for search parameters that could not be used.
func badParameters(ps []app.ParamError) *Error {
	return &Error{Status: http.StatusBadRequest, Code: CodeBadParameter, Params: ps,
		Message: lang.T("Some parameters are not valid: see params.", "Certains paramètres ne sont pas valides : voir params.")}
}

// errorBody is the JSON of every error response.
type errorBody struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Code      string      `json:"code"`
	Message   string      `json:"message"`
	MessageFR string      `json:"message_fr"`
	Params    []paramJSON `json:"params"`
}

type paramJSON struct {
	Param     string `json:"param"`
	Message   string `json:"message"`
	MessageFR string `json:"message_fr"`
}

// writeError renders err: an *Error as itself, app.ErrNotFound as 404, and
// anything else as an internal error, which is logged and never shown.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var e *Error
	switch {
	case errors.As(err, &e):
	case errors.Is(err, app.ErrNotFound):
		e = errNotFound
	case errors.Is(err, context.Canceled):
		return // the client went away
	default:
		h.log.ErrorContext(r.Context(), "api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		e = errInternal
	}
	body, encErr := encode(toErrorBody(e))
	if encErr != nil { // cannot happen with these types; never leave the client without an answer
		h.log.ErrorContext(r.Context(), "api error encoding failed", "err", encErr)
		body = []byte(`{"error":{"code":"internal","message":"Internal error.","message_fr":"Erreur interne.","params":[]}}` + "\n")
	}
	writeBody(w, e.Status, body)
}

func toErrorBody(e *Error) errorBody {
	b := errorBody{Error: errorJSON{Code: e.Code, Message: e.Message.EN, MessageFR: e.Message.FR, Params: []paramJSON{}}}
	for _, p := range e.Params {
		b.Error.Params = append(b.Error.Params, paramJSON{Param: p.Param, Message: p.Msg.EN, MessageFR: p.Msg.FR})
	}
	return b
}
