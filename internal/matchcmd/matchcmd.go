// Package matchcmd implements `pathways match`: read an instance (JSON or two
// CSV files), compute a stable matching, verify it, and write the result; and
// `pathways match generate`: write a synthetic instance. See docs/placement.md.
package matchcmd

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/pathways-gov/pathways/internal/placement"
	"github.com/pathways-gov/pathways/internal/placement/format"
)

// Exit statuses.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
)

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func badUsage(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// Run executes `pathways match ARGS…` (args exclude "match") and returns the process exit status:
// 0 success, 2 bad input or usage, 1 internal failure.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var err error
	if len(args) > 0 && args[0] == "generate" {
		err = runGenerate(ctx, args[1:], stdout, stderr)
	} else {
		err = runMatch(ctx, args, stdin, stdout, stderr)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case isUsage(err):
		fmt.Fprintf(stderr, "pathways match: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "pathways match: internal error: %v\n", err)
		return exitInternal
	}
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || format.IsInputError(err)
}

// matchFlags are the options of `pathways match`.
type matchFlags struct {
	in, out                string
	applicants, placements string
	optimal                string
	seed                   uint64
	seedSet                bool
	noCycles, explain      bool
}

func parseMatchFlags(args []string, stderr io.Writer) (*matchFlags, error) {
	f := &matchFlags{}
	fs := flag.NewFlagSet("pathways match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.in, "in", "", "instance `file` in JSON (- for standard input)")
	fs.StringVar(&f.out, "out", "-", "result `file` in JSON (- for standard output)")
	fs.StringVar(&f.applicants, "applicants", "", "applicants CSV `file` (applicant,rank,placement), with --placements")
	fs.StringVar(&f.placements, "placements", "", "placements CSV `file` (placement,capacity,applicant,rank|score), with --applicants")
	fs.StringVar(&f.optimal, "optimal", "applicant", "side the matching favours: applicant or placement")
	fs.Func("seed", "lottery `seed` for ties (overrides the instance's seed; default 0)", func(s string) error {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return errors.New("want a whole number from 0 to 18446744073709551615")
		}
		f.seed, f.seedSet = v, true
		return nil
	})
	fs.BoolVar(&f.noCycles, "no-cycles", false, "skip the stable improvement cycles after tie-breaking")
	fs.BoolVar(&f.explain, "explain", false, "add each applicant's reasons for not obtaining the placements it preferred")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage:\n  pathways match --in instance.json [--out result.json] [flags]\n"+
			"  pathways match --applicants a.csv --placements p.csv [--out result.json] [flags]\n"+
			"  pathways match generate --applicants N --placements M --ranks K [--ties F] [--seed S] [--out file]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{err}
	}
	if fs.NArg() > 0 {
		return nil, badUsage("unexpected argument %q", fs.Arg(0))
	}
	csvGiven := f.applicants != "" || f.placements != ""
	switch {
	case f.in != "" && csvGiven:
		return nil, badUsage("give either --in or --applicants and --placements, not both")
	case f.in == "" && !csvGiven:
		return nil, badUsage("no input: give --in FILE (or -), or --applicants FILE --placements FILE")
	case csvGiven && (f.applicants == "" || f.placements == ""):
		return nil, badUsage("--applicants and --placements go together")
	case f.applicants == "-" && f.placements == "-":
		return nil, badUsage("only one CSV file can come from standard input")
	}
	return f, nil
}

// runMatch reads, solves, verifies and writes. Nothing is written unless every
// step before writing succeeded.
func runMatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	f, err := parseMatchFlags(args, stderr)
	if err != nil {
		return err
	}
	side, err := placement.ParseSide(f.optimal)
	if err != nil {
		return badUsage("--optimal %q: want applicant or placement", f.optimal)
	}
	start := time.Now()
	parsed, err := readInstance(f, stdin)
	if err != nil {
		return err
	}
	parseTime := time.Since(start)
	// The reader's temporary memory (symbol tables, buffers) is garbage now:
	// collect it before the solver allocates, so that the solver reuses that
	// memory instead of growing the process, and runs without a collection.
	runtime.GC()
	seed := parsed.Seed
	if f.seedSet {
		seed = f.seed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	in := parsed.Instance
	start = time.Now()
	res, err := placement.Solve(in, placement.Options{Optimal: side, Seed: seed, NoCycles: f.noCycles})
	if err != nil {
		return usageError{err} // the readers produce valid instances; this is a safety net
	}
	solveTime := time.Since(start)
	if err := ctx.Err(); err != nil {
		return err
	}
	start = time.Now()
	if err := placement.Verify(in, res); err != nil {
		return fmt.Errorf("the result failed verification, nothing written: %w", err)
	}
	verifyTime := time.Since(start)
	run := format.Run{Seed: seed, Optimal: side, ParseMS: ms(parseTime), SolveMS: ms(solveTime), VerifyMS: ms(verifyTime), Explain: f.explain}
	if err := writeOutput(f.out, stdout, func(w io.Writer) error { return format.WriteResult(w, in, res, run) }); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "pathways match: %d applicants, %d placements: %d assigned, %d improved by cycles (parse %.0f ms, solve %.0f ms, verify %.0f ms)\n",
		in.NumApplicants(), in.NumPlacements(), assigned(res), res.Stats.ImprovedByCycles, run.ParseMS, run.SolveMS, run.VerifyMS)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func assigned(r *placement.Result) int {
	n := 0
	for _, p := range r.Placement {
		if p != placement.Unassigned {
			n++
		}
	}
	return n
}

// readInstance reads the JSON or CSV input named by the flags.
func readInstance(f *matchFlags, stdin io.Reader) (*format.Parsed, error) {
	if f.in != "" {
		r, name, closeFn, err := openInput(f.in, stdin)
		if err != nil {
			return nil, err
		}
		defer closeFn()
		return format.ReadJSON(r, name)
	}
	a, aName, closeA, err := openInput(f.applicants, stdin)
	if err != nil {
		return nil, err
	}
	defer closeA()
	p, pName, closeP, err := openInput(f.placements, stdin)
	if err != nil {
		return nil, err
	}
	defer closeP()
	return format.ReadCSV(format.CSVFiles{Applicants: a, ApplicantsName: aName, Placements: p, PlacementsName: pName})
}

// openInput opens a file, or standard input for "-".
func openInput(path string, stdin io.Reader) (io.Reader, string, func(), error) {
	if path == "-" {
		return bufio.NewReaderSize(stdin, 1<<20), "stdin", func() {}, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, "", nil, badUsage("cannot open input: %v", err)
	}
	return file, path, func() { file.Close() }, nil
}

// writeOutput writes to stdout for "-", or else to a temporary file in the
// target's directory renamed into place on success, so that a failure never
// leaves a partial file.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return badUsage("cannot create output: %v", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil { // as os.Create would, not CreateTemp's 0600
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
