// Command go_shape writes what kube-apiserver's Go types make of objects: for each
// <name>.<tag>.fkas.json in the directory given (an object as fkas answers a GET), <name>.<tag>.go.json
// as encoding/json writes it after decoding it into its k8s.io/api struct (json.Unmarshal, then
// json.Marshal), which is what kube-apiserver does to every built-in object it stores and serves.
// The tag names the minor whose k8s.io/api the module builds with (go.mod: v1_33; v1_34.mod: v1_34).
//
// Usage (in this directory): go run . <dir> v1_33 && go run -modfile=v1_34.mod . <dir> v1_34
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
)

func typed(apiVersion, kind string) any {
	switch apiVersion + "/" + kind {
	case "v1/Pod":
		return &corev1.Pod{}
	case "v1/Service":
		return &corev1.Service{}
	case "v1/ConfigMap":
		return &corev1.ConfigMap{}
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}
	case "batch/v1/Job":
		return &batchv1.Job{}
	}
	panic("no Go type for " + apiVersion + "/" + kind)
}

func main() {
	dir, tag := os.Args[1], os.Args[2]
	files, err := filepath.Glob(filepath.Join(dir, "*."+tag+".fkas.json"))
	if err != nil {
		panic(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		var meta struct{ APIVersion, Kind string }
		if err := json.Unmarshal(data, &meta); err != nil {
			panic(err)
		}
		object := typed(meta.APIVersion, meta.Kind)
		if err := json.Unmarshal(data, object); err != nil {
			panic(err)
		}
		out, err := json.Marshal(object)
		if err != nil {
			panic(err)
		}
		name := strings.TrimSuffix(file, ".fkas.json") + ".go.json"
		if err := os.WriteFile(name, append(out, '\n'), 0o644); err != nil {
			panic(err)
		}
	}
}
