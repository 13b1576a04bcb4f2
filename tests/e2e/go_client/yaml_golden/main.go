// Command yaml_golden writes what kube-apiserver's YAML serializer makes of JSON fixtures: for
// each <name>.json in the directory given, <name>.yaml as sigs.k8s.io/yaml's JSONToYAML writes
// it (apimachinery's json.Serializer with Yaml: true encodes the object's JSON, then calls it).
// fkas's YAML writer is tested against these.
//
// Usage: go run ./yaml_golden <dir>
package main

import (
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"
)

func main() {
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.json"))
	if err != nil {
		panic(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		out, err := yaml.JSONToYAML(data)
		if err != nil {
			panic(err)
		}
		if err := os.WriteFile(strings.TrimSuffix(file, ".json")+".yaml", out, 0o644); err != nil {
			panic(err)
		}
	}
}
