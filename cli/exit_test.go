package cli

import (
	"strings"
	"testing"
)

// TestExitStatus checks the exit statuses of the contract: 0 when every line
// decoded, 1 when some line failed, 2 for usage errors. A usage error writes
// nothing on stdout and says something on stderr.
func TestExitStatus(t *testing.T) {
	good := jsonl([]byte(textFrame), []byte(joinedGuildFrame))
	bad := jsonl([]byte(textFrame), []byte(`not json`))
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  int
	}{
		// decode: 0 and 1.
		{name: "decode good lines", args: []string{"decode"}, stdin: good, want: 0},
		{name: "decode --strict good lines", args: []string{"decode", "--strict"}, stdin: good, want: 0},
		{name: "decode --platform kook", args: []string{"decode", "--platform", "kook"}, stdin: good, want: 0},
		{name: "decode --platform=kook --strict", args: []string{"decode", "--platform=kook", "--strict"}, stdin: good, want: 0},
		{name: "decode unknown events", args: []string{"decode"}, stdin: jsonl([]byte(strings.Replace(textFrame, `"type":1,"target_id"`, `"type":99,"target_id"`, 1))), want: 0},
		{name: "decode empty input", args: []string{"decode"}, stdin: "", want: 0},
		{name: "decode a bad line", args: []string{"decode"}, stdin: bad, want: 1},
		{name: "decode --strict a bad line", args: []string{"decode", "--strict"}, stdin: bad, want: 1},
		{name: "decode only bad lines", args: []string{"decode"}, stdin: "[]\n{}\n", want: 1},

		// Usage errors: 2.
		{name: "no subcommand", args: nil, want: 2},
		{name: "empty args", args: []string{}, want: 2},
		{name: "unknown subcommand", args: []string{"frobnicate"}, want: 2},
		{name: "unknown subcommand that looks like a flag", args: []string{"--strict", "decode"}, want: 2},
		{name: "decode unknown flag", args: []string{"decode", "--bogus"}, stdin: good, want: 2},
		{name: "decode unknown short flag", args: []string{"decode", "-x"}, stdin: good, want: 2},
		{name: "decode unknown platform", args: []string{"decode", "--platform", "discord"}, stdin: good, want: 2},
		{name: "decode platform name in capitals", args: []string{"decode", "--platform=KOOK"}, stdin: good, want: 2},
		{name: "decode --platform without value", args: []string{"decode", "--platform"}, stdin: good, want: 2},
		{name: "decode --strict with a value", args: []string{"decode", "--strict=maybe"}, stdin: good, want: 2},
		{name: "generate without flags", args: []string{"generate"}, want: 2},
		{name: "generate without --out", args: []string{"generate", "--schema", "../schema/kook"}, want: 2},
		{name: "generate without --schema", args: []string{"generate", "--out", "out"}, want: 2},
		{name: "generate --check without --schema and --out", args: []string{"generate", "--check"}, want: 2},
		{name: "generate unknown flag", args: []string{"generate", "--schema", "s", "--out", "o", "--bogus"}, want: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args, tc.stdin)
			if code != tc.want {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tc.want, stderr)
			}
			switch tc.want {
			case 2:
				if stdout != "" {
					t.Errorf("usage error wrote on stdout: %q", stdout)
				}
				if stderr == "" {
					t.Errorf("usage error wrote nothing on stderr")
				}
			default:
				out := parseOutput(t, stdout, strings.Contains(strings.Join(tc.args, " "), "--strict"))
				failed := false
				for _, l := range out {
					failed = failed || l.IsError
				}
				if failed != (tc.want == 1) {
					t.Errorf("exit status %d but error lines present = %v", code, failed)
				}
			}
		})
	}
}
