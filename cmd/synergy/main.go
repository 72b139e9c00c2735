// Command synergy builds the cross-instrument view of the conventional-weapons
// treaties' meetings and membership. See README.md and `synergy help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"synergy/pipeline/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
