// Command pathways runs the Pathways recruitment and placement platform.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // closing times are shown in the posting's zone even where the system has no zone files

	"github.com/pathways-gov/pathways/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, cli.OSEnv)
	stop()
	os.Exit(code)
}
