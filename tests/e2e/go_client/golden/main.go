// Command golden writes what Go's own marshallers make of JSON fixtures: for each <name>.json in
// the directory given, <name>.pb.hex with the object (or list) in Kubernetes protobuf, exactly as
// kube-apiserver encodes it after decoding that JSON. fkas's encoder is tested against these.
//
// Usage: go run ./golden <dir>
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
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
		base := strings.TrimSuffix(file, ".json")
		write(base+".pb.hex", out.Bytes())
		if strings.HasSuffix(base, "list") {
			continue
		}
		// A watch frame as kube-apiserver's watch server writes it: the WatchEvent (object in a
		// RawExtension holding the enveloped object) through the raw serializer, length-prefixed.
		event := metav1.WatchEvent{Type: "MODIFIED", Object: runtime.RawExtension{Raw: out.Bytes()}}
		body, err := event.Marshal()
		if err != nil {
			panic(err)
		}
		frame := make([]byte, 4+len(body))
		binary.BigEndian.PutUint32(frame, uint32(len(body)))
		copy(frame[4:], body)
		write(base+".watch.hex", frame)
	}
}

func write(name string, data []byte) {
	if err := os.WriteFile(name, []byte(hex.EncodeToString(data)+"\n"), 0o644); err != nil {
		panic(err)
	}
}
