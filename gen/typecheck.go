package gen

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// typeCheck type-checks the rendered package on its own, before anything is
// written: a backstop for a schema that the checks in build.go let through
// and that would give Go that does not compile. Its error is a generator
// bug; it names the first problems and the declarations involved.
func typeCheck(pkg string, files map[string][]byte) error {
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range sortedKeys(files) {
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		parsed = append(parsed, f)
	}
	var errs []string
	unimported := false
	conf := types.Config{
		Importer: importer.ForCompiler(fset, "source", nil),
		Error: func(err error) {
			if strings.Contains(err.Error(), "could not import") {
				unimported = true
			}
			if len(errs) < 10 {
				errs = append(errs, err.Error())
			}
		},
	}
	if _, err := conf.Check(pkg, fset, parsed, nil); err != nil {
		if unimported {
			// The runtime cannot be found from here (no module around the
			// output?): the Go build will judge the package instead.
			return nil
		}
		sort.Strings(errs)
		return fmt.Errorf("the generated package does not compile (a generator bug: please report it with the schema):\n%s", strings.Join(errs, "\n"))
	}
	return nil
}
