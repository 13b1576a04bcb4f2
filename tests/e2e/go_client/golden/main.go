// Command golden writes what Go's own marshallers make of JSON fixtures: for each <name>.json in
// the directory given, <name>.pb.hex with the object (or list) in Kubernetes protobuf, exactly as
// kube-apiserver encodes it after decoding that JSON. fkas's encoder is tested against these.
//
// Usage: go run ./golden <dir>
package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	"k8s.io/client-go/kubernetes/scheme"
)

func main() {
	dir := os.Args[1]
	if err := apiextensionsv1.AddToScheme(scheme.Scheme); err != nil {
		panic(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		panic(err)
	}
	decoder := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme, json.SerializerOptions{})
	encoder := protobuf.NewSerializer(scheme.Scheme, scheme.Scheme)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		obj, _, err := decoder.Decode(data, nil, nil)
		if err != nil {
			panic(fmt.Sprintf("%s: %v", file, err))
		}
		var out bytes.Buffer
		if err := encoder.Encode(obj.(runtime.Object), &out); err != nil {
			panic(fmt.Sprintf("%s: %v", file, err))
		}
		name := strings.TrimSuffix(file, ".json") + ".pb.hex"
		if err := os.WriteFile(name, []byte(hex.EncodeToString(out.Bytes())+"\n"), 0o644); err != nil {
			panic(err)
		}
	}
}
