package bench

import (
	"sync"
	"testing"
)

// The corpora the tests and benchmarks share: built once per test binary.
const (
	corpusSize = 1000 // the issue asks for at least 1000 frames
	corpusSeed = 1

	kookExamples     = "../schema/kook/testdata/examples"
	oneBot12Examples = "../schema/onebot12/testdata/examples"
)

var (
	kookOnce, oneBot12Once       sync.Once
	kookCorpusV, oneBot12CorpusV *Corpus
	kookErr, oneBot12Err         error
)

func kookCorpus(tb testing.TB) *Corpus {
	tb.Helper()
	kookOnce.Do(func() {
		var tpls []Template
		if tpls, kookErr = LoadTemplates(kookExamples); kookErr == nil {
			kookCorpusV, kookErr = KOOKCorpus(tpls, corpusSize, corpusSeed)
		}
	})
	if kookErr != nil {
		tb.Fatal(kookErr)
	}
	return kookCorpusV
}

func oneBot12Corpus(tb testing.TB) *Corpus {
	tb.Helper()
	oneBot12Once.Do(func() {
		var tpls []Template
		if tpls, oneBot12Err = LoadTemplates(oneBot12Examples); oneBot12Err == nil {
			oneBot12CorpusV, oneBot12Err = OneBot12Corpus(tpls, corpusSize, corpusSeed)
		}
	})
	if oneBot12Err != nil {
		tb.Fatal(oneBot12Err)
	}
	return oneBot12CorpusV
}
