/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.dualexport.sample;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the deployment files at the repository root honest: {@code docker-compose.yml},
 * the configuration under {@code deploy/}, the sample's {@code Dockerfile}, the Grafana
 * dashboard and the defaults of {@code scripts/cross-backend-check.sh}. Nothing here
 * starts a container: it checks that the files agree with each other and with this
 * module.
 *
 * @author Dual Export contributors
 */
class DeploymentFilesTests {

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

	private static final Pattern TELEMETRY_NAME = Pattern.compile("\\btelemetry_[a-zA-Z0-9_:]*");

	private static final Set<String> METER_NAMES = Set.of("telemetry_backend_exported_total",
			"telemetry_backend_queue_size", "telemetry_backend_queue_capacity");

	private static final String DURATION_METER_PREFIX = "telemetry_backend_export_duration_seconds";

	private static Path root;

	private static Map<String, Object> compose;

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	static void loadComposeFile() throws IOException {
		Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
		root = module.getParent();
		assertThat(root.resolve("docker-compose.yml")).as("docker-compose.yml at the repository root").isRegularFile();
		compose = yaml(root.resolve("docker-compose.yml"));
		services = new LinkedHashMap<>();
		map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
		assertThat(services).isNotEmpty();
	}

	@Test
	void everyServiceHasAnImageOrABuild() {
		services.forEach((name, service) -> assertThat(service.containsKey("image") || service.containsKey("build"))
			.as("service '%s' has an image or a build", name)
			.isTrue());
	}

	@Test
	void everyImageIsPinnedToAReleasedTag() {
		services.forEach((name, service) -> {
			if (service.containsKey("image")) {
				String image = (String) service.get("image");
				String tag = image.substring(image.lastIndexOf('/') + 1);
				assertThat(tag).as("image of service '%s'", name).contains(":");
				assertThat(tag.substring(tag.indexOf(':') + 1)).as("tag of service '%s'", name).isNotEqualTo("latest");
			}
		});
	}

	@Test
	void everyDependsOnNamesAnExistingService() {
		services.forEach((name, service) -> {
			Object dependsOn = service.get("depends_on");
			List<String> dependencies = new ArrayList<>();
			if (dependsOn instanceof Map<?, ?> conditions) {
				conditions.keySet().forEach((key) -> dependencies.add((String) key));
			}
			else if (dependsOn instanceof List<?> list) {
				list.forEach((item) -> dependencies.add((String) item));
			}
			assertThat(dependencies).as("depends_on of service '%s'", name)
				.allSatisfy((dependency) -> assertThat(services).containsKey(dependency))
				.doesNotContain(name);
		});
	}

	@Test
	void everyMountedHostPathLivesUnderDeployAndExists() {
		Set<String> namedVolumes = (compose.get("volumes") != null) ? map(compose.get("volumes")).keySet() : Set.of();
		services.forEach((name, service) -> {
			for (Mount mount : mounts(service)) {
				if (mount.isBindMount()) {
					assertThat(mount.source()).as("host path mounted by service '%s'", name).startsWith("./deploy/");
					assertThat(root.resolve(mount.source())).as("host path mounted by service '%s'", name).exists();
				}
				else {
					assertThat(namedVolumes).as("named volumes declared for service '%s'", name)
						.contains(mount.source());
				}
			}
		});
	}

	@Test
	void sampleAppImageRunsTheJarThisModuleBuilds() throws Exception {
		Map<String, Object> build = map(services.get("sample-app").get("build"));
		Path context = root.resolve((String) build.get("context")).normalize();
		assertThat(context).isEqualTo(root.resolve("sample-app"));
		Path dockerfile = context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile"));
		assertThat(dockerfile).isRegularFile();
		Document pom = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(root.resolve("sample-app/pom.xml").toFile());
		Element project = pom.getDocumentElement();
		String artifactId = child(project, "artifactId");
		String version = child(project, "version");
		if (version == null) {
			version = child((Element) project.getElementsByTagName("parent").item(0), "version");
		}
		assertThat(Files.readString(dockerfile)).contains("COPY target/" + artifactId + "-" + version + ".jar ")
			.containsPattern("(?m)^FROM eclipse-temurin:(17|2[0-9])-");
	}

	@Test
	void sampleAppRunsTheProdProfileSamplingEveryTraceOnPort8080() {
		Map<String, Object> sample = services.get("sample-app");
		Map<String, String> environment = environment(sample);
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
			.containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
		assertThat(publishedPorts(sample)).containsEntry(8080, 8080);
	}

	@Test
	void sampleAppExportsToTheComposeServicesOnPortsTheyDeclare() {
		Map<String, String> environment = environment(services.get("sample-app"));
		assertThat(environment).containsKeys("VICTORIA_TRACES_URL", "VICTORIA_METRICS_URL", "VICTORIA_LOGS_URL",
				"UPTRACE_DSN");
		assertPointsAtService(environment.get("VICTORIA_TRACES_URL"), "victoriametrics/victoria-traces:");
		assertPointsAtService(environment.get("VICTORIA_METRICS_URL"), "victoriametrics/victoria-metrics:");
		assertPointsAtService(environment.get("VICTORIA_LOGS_URL"), "victoriametrics/victoria-logs:");
		URI dsn = assertPointsAtService(environment.get("UPTRACE_DSN"), "uptrace/uptrace:");
		assertThat(dsn.getQuery()).startsWith("grpc=");
		int grpcPort = Integer.parseInt(dsn.getQuery().substring("grpc=".length()));
		assertThat(containerPorts(services.get(dsn.getHost()))).as("ports of '%s'", dsn.getHost()).contains(grpcPort);
	}

	@Test
	void uptraceDsnCarriesAProjectTokenSeededInUptracesConfiguration() throws IOException {
		URI dsn = URI.create(environment(services.get("sample-app")).get("UPTRACE_DSN"));
		Map<String, Object> seed = map(uptraceConfiguration().get("seed_data"));
		assertThat(tokens(seed.get("project_tokens"))).contains(dsn.getUserInfo());
	}

	@Test
	void uptraceListensOnThePortsItsServiceDeclaresAndReadsTheMountedConfiguration() throws IOException {
		Map<String, Object> uptrace = services.get("uptrace");
		Map<String, Object> listen = map(uptraceConfiguration().get("listen"));
		int http = port((String) map(listen.get("http")).get("addr"));
		int grpc = port((String) map(listen.get("grpc")).get("addr"));
		assertThat(containerPorts(uptrace)).contains(http, grpc);
		assertThat(mounts(uptrace)).contains(new Mount("./deploy/uptrace/uptrace.yml", "/etc/uptrace/config.yml"));
	}

	@Test
	void victoriaMetricsScrapesTheSampleAppThroughItsMountedScrapeConfiguration() throws IOException {
		Map<String, Object> victoriaMetrics = services.get("victoriametrics");
		Mount scrapeConfig = mounts(victoriaMetrics).stream()
			.filter((mount) -> mount.source().equals("./deploy/victoriametrics/scrape.yml"))
			.findFirst()
			.orElseThrow();
		assertThat(list(victoriaMetrics.get("command"))).contains("--promscrape.config=" + scrapeConfig.target());
		List<Object> jobs = list(yaml(root.resolve(scrapeConfig.source())).get("scrape_configs"));
		assertThat(jobs).anySatisfy((job) -> {
			Map<String, Object> scrape = map(job);
			assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Object staticConfig : list(scrape.get("static_configs"))) {
				for (Object target : list(map(staticConfig).get("targets"))) {
					URI uri = URI.create("http://" + target);
					assertThat(uri.getHost()).isEqualTo("sample-app");
					assertThat(containerPorts(services.get(uri.getHost()))).contains(uri.getPort());
				}
			}
		});
	}

	@Test
	void grafanaDataSourcesPointAtTheComposeBackends() throws IOException {
		Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(root.resolve("deploy/grafana/provisioning/datasources"))) {
			for (Path file : files.toList()) {
				for (Object dataSource : list(yaml(file).get("datasources"))) {
					byType.put((String) map(dataSource).get("type"), map(dataSource));
				}
			}
		}
		assertThat(byType).containsKeys("prometheus", "victoriametrics-logs-datasource", "jaeger");
		assertPointsAtService((String) byType.get("prometheus").get("url"), "victoriametrics/victoria-metrics:");
		assertPointsAtService((String) byType.get("victoriametrics-logs-datasource").get("url"),
				"victoriametrics/victoria-logs:");
		URI jaeger = assertPointsAtService((String) byType.get("jaeger").get("url"),
				"victoriametrics/victoria-traces:");
		assertThat(jaeger.getPath()).isEqualTo("/select/jaeger");
		assertThat(environment(services.get("grafana"))).containsEntry("GF_INSTALL_PLUGINS",
				"victoriametrics-logs-datasource");
	}

	@Test
	void grafanaLoadsDashboardsFromWhereTheDashboardDirectoryIsMounted() throws IOException {
		List<Mount> mounts = mounts(services.get("grafana"));
		assertThat(mounts).contains(
				new Mount("./deploy/grafana/provisioning/datasources", "/etc/grafana/provisioning/datasources"),
				new Mount("./deploy/grafana/provisioning/dashboards", "/etc/grafana/provisioning/dashboards"));
		String dashboardsTarget = mounts.stream()
			.filter((mount) -> mount.source().equals("./deploy/grafana/dashboards"))
			.map(Mount::target)
			.findFirst()
			.orElseThrow();
		Map<String, Object> providers = yaml(root.resolve("deploy/grafana/provisioning/dashboards/dashboards.yml"));
		assertThat(list(providers.get("providers"))).anySatisfy(
				(provider) -> assertThat(map(map(provider).get("options")).get("path")).isEqualTo(dashboardsTarget));
	}

	@Test
	void dashboardIsValidJsonWithSchemaVersionUidTitleAndVariables() throws IOException {
		Map<String, Object> dashboard = dashboard();
		assertThat(dashboard.get("schemaVersion")).isInstanceOf(Number.class);
		assertThat(dashboard.get("uid")).asString().isNotBlank();
		assertThat(dashboard.get("title")).asString().isNotBlank();
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		list(map(dashboard.get("templating")).get("list"))
			.forEach((variable) -> variables.put((String) map(variable).get("name"), map(variable)));
		assertThat(variables).containsKeys("datasource", "backend", "signal");
		assertThat(variables.get("datasource")).containsEntry("type", "datasource")
			.containsEntry("query", "prometheus");
		assertThat(list(dashboard.get("panels"))).isNotEmpty().allSatisfy((panel) -> {
			assertThat(map(map(panel).get("datasource"))).containsEntry("uid", "${datasource}");
			assertThat(list(map(panel).get("targets"))).isNotEmpty();
		});
	}

	@Test
	void dashboardQueriesUseOnlyTheStartersMeterNames() throws IOException {
		Map<String, Object> dashboard = dashboard();
		List<String> queries = new ArrayList<>();
		for (Object panel : list(dashboard.get("panels"))) {
			for (Object target : list(map(panel).get("targets"))) {
				queries.add((String) map(target).get("expr"));
			}
		}
		for (Object variable : list(map(dashboard.get("templating")).get("list"))) {
			if ("query".equals(map(variable).get("type"))) {
				Object query = map(variable).get("query");
				queries.add((query instanceof Map<?, ?>) ? (String) map(query).get("query") : (String) query);
			}
		}
		assertThat(queries).isNotEmpty().allSatisfy((query) -> {
			Set<String> names = meterNames(query);
			assertThat(names).as("meters queried by %s", query)
				.isNotEmpty()
				.allSatisfy((name) -> assertThat(METER_NAMES.contains(name) || name.startsWith(DURATION_METER_PREFIX))
					.as("'%s' is one of the starter's meters", name)
					.isTrue());
		});
		assertThat(String.join("\n", queries)).contains("telemetry_backend_export_duration_seconds_bucket",
				"outcome=\"success\"", "outcome=\"failure\"", "outcome=\"dropped\"", "telemetry_backend_queue_size",
				"telemetry_backend_queue_capacity");
	}

	@Test
	void checkScriptDefaultsMatchThePublishedPortsAndTheSeededUserToken() throws IOException {
		String script = Files.readString(root.resolve("scripts/cross-backend-check.sh"));
		assertThat(publishedPorts(services.get("sample-app"))).containsKey(defaultPort(script, "APP_URL").getPort());
		assertThat(publishedPorts(services.get("victoriatraces")))
			.containsKey(defaultPort(script, "VICTORIA_TRACES_QUERY_URL").getPort());
		assertThat(publishedPorts(services.get("uptrace"))).containsKey(defaultPort(script, "UPTRACE_URL").getPort());
		Matcher token = Pattern.compile("UPTRACE_USER_TOKEN=\\$\\{UPTRACE_USER_TOKEN:-([^}]+)}").matcher(script);
		assertThat(token.find()).isTrue();
		Map<String, Object> seed = map(uptraceConfiguration().get("seed_data"));
		assertThat(tokens(seed.get("user_tokens"))).contains(token.group(1));
	}

	private static URI assertPointsAtService(String url, String imagePrefix) {
		URI uri = URI.create(url);
		String host = uri.getHost();
		assertThat(services).as("compose service named by %s", url).containsKey(host);
		assertThat((String) services.get(host).get("image")).as("image of '%s'", host).startsWith(imagePrefix);
		assertThat(uri.getPort()).as("port of %s", url).isPositive();
		assertThat(containerPorts(services.get(host))).as("ports declared by '%s'", host).contains(uri.getPort());
		return uri;
	}

	private static Set<String> meterNames(String query) {
		Set<String> names = new LinkedHashSet<>();
		for (Pattern pattern : List.of(SELECTOR, LABEL_VALUES, TELEMETRY_NAME)) {
			Matcher matcher = pattern.matcher(query);
			while (matcher.find()) {
				names.add((matcher.groupCount() > 0) ? matcher.group(1) : matcher.group());
			}
		}
		return names;
	}

	private static URI defaultPort(String script, String variable) {
		Matcher matcher = Pattern.compile(variable + "=\\$\\{" + variable + ":-(http://localhost:\\d+)}")
			.matcher(script);
		assertThat(matcher.find()).as("default of %s in the check script", variable).isTrue();
		return URI.create(matcher.group(1));
	}

	private static Map<String, Object> dashboard() throws IOException {
		String json = Files.readString(root.resolve("deploy/grafana/dashboards/telemetry-backends.json"));
		return JsonParserFactory.getJsonParser().parseMap(json);
	}

	private static Map<String, Object> uptraceConfiguration() throws IOException {
		return yaml(root.resolve("deploy/uptrace/uptrace.yml"));
	}

	private static List<String> tokens(Object entries) {
		return list(entries).stream().map((entry) -> (String) map(entry).get("token")).toList();
	}

	/**
	 * Container ports a service publishes or exposes.
	 */
	private static Set<Integer> containerPorts(Map<String, Object> service) {
		Set<Integer> ports = new LinkedHashSet<>(publishedPorts(service).values());
		for (Object port : list(service.get("ports"))) {
			if (port instanceof Integer containerPort) {
				ports.add(containerPort);
			}
		}
		for (Object port : list(service.get("expose"))) {
			ports.add(Integer.parseInt(String.valueOf(port).split("/")[0]));
		}
		return ports;
	}

	/**
	 * Host port to container port, for every {@code "host:container"} entry.
	 */
	private static Map<Integer, Integer> publishedPorts(Map<String, Object> service) {
		Map<Integer, Integer> ports = new LinkedHashMap<>();
		for (Object port : list(service.get("ports"))) {
			if (port instanceof String mapping) {
				String[] parts = mapping.split("/")[0].split(":");
				if (parts.length >= 2) {
					ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
				}
			}
			else if (port instanceof Map<?, ?> longSyntax && longSyntax.get("published") != null) {
				ports.put(Integer.parseInt(String.valueOf(longSyntax.get("published"))),
						Integer.parseInt(String.valueOf(longSyntax.get("target"))));
			}
		}
		return ports;
	}

	private static List<Mount> mounts(Map<String, Object> service) {
		List<Mount> mounts = new ArrayList<>();
		for (Object volume : list(service.get("volumes"))) {
			if (volume instanceof String shortSyntax) {
				String[] parts = shortSyntax.split(":");
				mounts.add(new Mount(parts[0], parts[1]));
			}
			else {
				Map<String, Object> longSyntax = map(volume);
				mounts.add(new Mount((String) longSyntax.get("source"), (String) longSyntax.get("target")));
			}
		}
		return mounts;
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		Object declared = service.get("environment");
		if (declared instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> environment.put((String) key, String.valueOf(value)));
		}
		else {
			for (Object entry : list(declared)) {
				String[] parts = ((String) entry).split("=", 2);
				environment.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return environment;
	}

	private static int port(String listenAddress) {
		return Integer.parseInt(listenAddress.substring(listenAddress.lastIndexOf(':') + 1));
	}

	private static String child(Element element, String name) {
		for (org.w3c.dom.Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child && child.getTagName().equals(name)) {
				return child.getTextContent().trim();
			}
		}
		return null;
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

	/**
	 * A volume of a service: a host path (starting with '.' or '/') or a named volume,
	 * mounted at {@code target}.
	 */
	record Mount(String source, String target) {

		boolean isBindMount() {
			return this.source.startsWith(".") || this.source.startsWith("/");
		}

	}

}
