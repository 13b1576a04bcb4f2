// Prints k8s.io/apiserver's APF bootstrap configuration (pkg/apis/flowcontrol/bootstrap) as JSON:
// the objects kube-apiserver's priority-and-fairness-config-producer post-start hook creates.
// Run by scripts/apf/generate_table.ts in a scratch module pinned to one k8s.io/apiserver release.
package main

import (
	"encoding/json"
	"os"

	"k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap"
)

func main() {
	out := map[string]interface{}{
		"suggestedPriorityLevelConfigurations": bootstrap.SuggestedPriorityLevelConfigurations,
		"suggestedFlowSchemas":                 bootstrap.SuggestedFlowSchemas,
		"mandatoryPriorityLevelConfigurations": bootstrap.MandatoryPriorityLevelConfigurations,
		"mandatoryFlowSchemas":                 bootstrap.MandatoryFlowSchemas,
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
