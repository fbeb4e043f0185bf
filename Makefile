# The one test command: make test
.PHONY: test run build vet bench

GO ?= go

test: tests/browser/node_modules/axe-core/axe.min.js
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# axe-core (the accessibility engine the browser tests inject) comes from npm,
# pinned by tests/browser/package-lock.json.
tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent

run:
	$(GO) run ./cmd/pathways serve

build:
	$(GO) build -o pathways ./cmd/pathways

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
