package matchcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/pathways-gov/pathways/internal/placement/format"
	"github.com/pathways-gov/pathways/internal/placement/gen"
)

// runGenerate writes a synthetic instance (`pathways match generate`).
func runGenerate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c gen.Config
	var out string
	var lotterySeed int64
	fs := flag.NewFlagSet("pathways match generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.Applicants, "applicants", 0, "number of applicants `N`")
	fs.IntVar(&c.Placements, "placements", 0, "number of placements `M`")
	fs.IntVar(&c.Ranks, "ranks", 10, "placements each applicant lists `K`")
	fs.Float64Var(&c.Ties, "ties", 0, "chance `F` (0 to 1) that an entry ties with the previous one")
	fs.Uint64Var(&c.Seed, "seed", 1, "generator `seed`")
	fs.Int64Var(&lotterySeed, "lottery-seed", -1, "write this lottery `seed` into the instance (default: none)")
	fs.StringVar(&out, "out", "-", "instance `file` (- for standard output)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return badUsage("generate: unexpected argument %q", fs.Arg(0))
	}
	if c.Applicants == 0 || c.Placements == 0 {
		return badUsage("generate: give --applicants N and --placements M (both positive)")
	}
	in, err := gen.Generate(c)
	if err != nil {
		return usageError{fmt.Errorf("generate: %w", err)}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var seed *uint64
	if lotterySeed >= 0 {
		s := uint64(lotterySeed)
		seed = &s
	}
	return writeOutput(out, stdout, func(w io.Writer) error { return format.WriteJSON(w, in, seed) })
}
