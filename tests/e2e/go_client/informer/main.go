// Command informer is client-go as Kubernetes' own components use it, protobuf only, against
// fkas: it lists and watches pods through a shared informer, creates and updates a pod (protobuf
// bodies) and waits to see both through the watch, and lists nodes, leases, ConfigMaps and RBAC
// objects. A metadata-only informer (client-go's metadata client, as controller-runtime's
// metadata watches use it) runs on pods too, its Accept narrowed to the protobuf
// PartialObjectMetadata clause alone so that only a protobuf answer can satisfy it. It prints one
// JSON summary line; any failure exits non-zero.
//
// Usage: informer <kubeconfig>
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/metadata/metadatainformer"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "informer:", err)
		os.Exit(1)
	}
}

func run(kubeconfig string) error {
	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	config.ContentType = "application/vnd.kubernetes.protobuf"
	config.AcceptContentTypes = "application/vnd.kubernetes.protobuf"
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	events := make(chan string, 100)
	factory := informers.NewSharedInformerFactory(client, 0)
	pods := factory.Core().V1().Pods().Informer()
	if _, err := pods.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) { events <- "ADDED " + obj.(*corev1.Pod).Name },
		UpdateFunc: func(_, obj interface{}) {
			pod := obj.(*corev1.Pod)
			if pod.Labels["step"] == "updated" {
				events <- "MODIFIED " + pod.Name
			}
		},
	}); err != nil {
		return err
	}
	factory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), pods.HasSynced) {
		return fmt.Errorf("pod informer did not sync")
	}
	synced := len(pods.GetStore().List())

	// The metadata client asks for "protobuf;as=PartialObjectMetadata(List)..., json;as=..., json";
	// only the first clause is kept, and every answer's Content-Type is recorded.
	var seen sync.Map
	metaConfig := rest.CopyConfig(config)
	metaConfig.WrapTransport = func(next http.RoundTripper) http.RoundTripper {
		return firstClauseOnly{next: next, seen: &seen}
	}
	metaClient, err := metadata.NewForConfig(metaConfig)
	if err != nil {
		return err
	}
	metaEvents := make(chan string, 100)
	metaFactory := metadatainformer.NewSharedInformerFactory(metaClient, 0)
	metaPods := metaFactory.ForResource(corev1.SchemeGroupVersion.WithResource("pods")).Informer()
	if _, err := metaPods.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			metaEvents <- "ADDED " + obj.(*metav1.PartialObjectMetadata).Name
		},
	}); err != nil {
		return err
	}
	metaFactory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), metaPods.HasSynced) {
		return fmt.Errorf("metadata informer did not sync")
	}
	metaSynced := len(metaPods.GetStore().List())

	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "go-informer", Namespace: "default", Labels: map[string]string{"step": "created"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "busybox"}}},
	}
	created, err := client.CoreV1().Pods("default").Create(ctx, pod, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("create pod: %w", err)
	}
	if err := waitFor(ctx, events, "ADDED go-informer"); err != nil {
		return err
	}
	if err := waitFor(ctx, metaEvents, "ADDED go-informer"); err != nil {
		return fmt.Errorf("metadata informer: %w", err)
	}
	created.Labels["step"] = "updated"
	if _, err := client.CoreV1().Pods("default").Update(ctx, created, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("update pod: %w", err)
	}
	if err := waitFor(ctx, events, "MODIFIED go-informer"); err != nil {
		return err
	}

	nodes, err := client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list nodes: %w", err)
	}
	leases, err := client.CoordinationV1().Leases("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list leases: %w", err)
	}
	configMaps, err := client.CoreV1().ConfigMaps("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list configmaps: %w", err)
	}
	roles, err := client.RbacV1().ClusterRoles().List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list clusterroles: %w", err)
	}
	bindings, err := client.RbacV1().ClusterRoleBindings().List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list clusterrolebindings: %w", err)
	}
	var metaTypes []string
	seen.Range(func(key, _ interface{}) bool {
		metaTypes = append(metaTypes, key.(string))
		return true
	})
	sort.Strings(metaTypes)
	summary := map[string]interface{}{
		"metadataSyncedPods":   metaSynced,
		"metadataInformerPods": len(metaPods.GetStore().List()),
		"metadataContentTypes": metaTypes,
		"syncedPods":           synced,
		"informerPods":         len(pods.GetStore().List()),
		"nodes":                len(nodes.Items),
		"nodeConditions":       len(nodes.Items[0].Status.Conditions),
		"leases":               len(leases.Items),
		"configMaps":           len(configMaps.Items),
		"clusterRoles":         len(roles.Items),
		"clusterRoleBindings":  len(bindings.Items),
	}
	return json.NewEncoder(os.Stdout).Encode(summary)
}

// firstClauseOnly narrows each request's Accept header to its first clause.
type firstClauseOnly struct {
	next http.RoundTripper
	seen *sync.Map
}

func (f firstClauseOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if accept := req.Header.Get("Accept"); strings.Contains(accept, ",") {
		req = req.Clone(req.Context())
		req.Header.Set("Accept", accept[:strings.Index(accept, ",")])
	}
	resp, err := f.next.RoundTrip(req)
	if err == nil {
		f.seen.Store(req.Header.Get("Accept")+" -> "+resp.Header.Get("Content-Type"), true)
	}
	return resp, err
}

func waitFor(ctx context.Context, events <-chan string, want string) error {
	for {
		select {
		case got := <-events:
			if got == want {
				return nil
			}
		case <-ctx.Done():
			return fmt.Errorf("timed out waiting for %q", want)
		}
	}
}
