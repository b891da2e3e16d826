package cli

import "github.com/eventbind/eventbind/events/onebot12"

func init() {
	platforms = append(platforms, newPlatform(onebot12.Bind(nil)))
}
