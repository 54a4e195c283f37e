package io.github.geminicomet.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.geminicomet.model.UsageMetadata;
import io.github.geminicomet.test.AutoConfigureGeminiStub;
import io.github.geminicomet.test.GeminiStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for the page of {@link SampleApplication} in a browser: headless Chromium (Debian's {@code chromium}
 * and {@code chromium-driver}) sends a prompt and watches the answer stream in. Skipped when no Chromium
 * is installed; {@code .ci/run} installs it. Screenshots land in {@code target/browser-test/}: {@code chat.png}
 * (a streamed answer), {@code tool-call.png}, {@code grounded-answer.png} and {@code error.png}.
 *
 * @author gemini-comet
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureGeminiStub
class SampleApplicationBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static @Nullable Path chromium;

	private static @Nullable Path chromedriver;

	@LocalServerPort
	private int port;

	@Autowired
	private GeminiStub stub;

	@BeforeAll
	static void findChromium() {
		chromium = executable("CHROMIUM_BIN", "chromium", "chromium-browser", "google-chrome");
		chromedriver = executable("CHROMEDRIVER_BIN", "chromedriver");
	}

	@Test
	void pageStreamsTheAnswerIncrementallyWithCollapsibleThoughtsAndUsage(@TempDir Path profile) throws Exception {
		assumeChromium();
		String[] words = ("Sunlight is scattered by the molecules of the air, and blue light, with its short "
				+ "wavelength, is scattered the most, so the sky looks blue.").split("(?<= )");
		this.stub.streamText(words)
			.withThoughts("Rayleigh scattering ", "explains it.")
			.withChunkDelay(Duration.ofMillis(100))
			.withUsage(new UsageMetadata(6, null, 30, null, 8, 44, null, null, null, null, null, null));
		ChromeDriver browser = startChromium(profile);
		try {
			browser.get("http://127.0.0.1:" + this.port + "/");
			WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "gemini-3.5-flash-lite"));
			browser.findElement(By.id("prompt")).sendKeys("Why is the sky blue?");
			browser.findElement(By.id("send")).click();
			WebElement exchange = wait
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .exchange")));
			WebElement answer = exchange.findElement(By.className("answer"));
			List<String> observed = new ArrayList<>();
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (!"done".equals(exchange.getDomAttribute("data-state")) && System.nanoTime() < deadline) {
				String text = answer.getText();
				if (!text.isEmpty() && (observed.isEmpty() || !observed.get(observed.size() - 1).equals(text))) {
					observed.add(text);
				}
				Thread.sleep(30);
			}
			assertThat(exchange.getDomAttribute("data-state")).isEqualTo("done");
			String complete = String.join("", words).strip();
			assertThat(answer.getText()).isEqualTo(complete);
			List<String> partial = observed.stream().filter((text) -> !text.equals(complete)).toList();
			assertThat(partial).as("answer texts seen before the end of the stream").hasSizeGreaterThanOrEqualTo(2);
			for (int i = 1; i < observed.size(); i++) {
				assertThat(observed.get(i)).startsWith(observed.get(i - 1)).isNotEqualTo(observed.get(i - 1));
			}
			assertThat(complete).startsWith(observed.get(0));
			assertThat(exchange.findElement(By.className("usage")).getText()).isEqualTo(
					"Tokens: 6 prompt \u00b7 30 answer \u00b7 8 thinking \u00b7 44 total");
			WebElement thoughts = exchange.findElement(By.className("thoughts"));
			assertThat(thoughts.getDomAttribute("open")).as("thoughts start collapsed").isNull();
			thoughts.findElement(By.tagName("summary")).click();
			assertThat(thoughts.findElement(By.className("thought-text")).getText())
				.isEqualTo("Rayleigh scattering explains it.");
			screenshot(browser, "chat.png");
		}
		finally {
			browser.quit();
		}
		assertThat(this.stub.lastRequest().prompt()).isEqualTo("Why is the sky blue?");
		assertThat(this.stub.lastRequest().isStreaming()).isTrue();
	}

	@Test
	void emptyChatOffersExamplesAndAnEmptyPromptGetsFeedback(@TempDir Path profile) throws Exception {
		assumeChromium();
		this.stub.streamText("Otters ", "hold hands.");
		ChromeDriver browser = startChromium(profile);
		try {
			WebDriverWait wait = open(browser);
			List<WebElement> examples = browser.findElements(By.cssSelector("#examples .example"));
			assertThat(examples).hasSizeGreaterThanOrEqualTo(3).allSatisfy((example) -> assertThat(example.isDisplayed()).isTrue());
			browser.findElement(By.id("send")).click();
			assertThat(browser.findElement(By.id("prompt-feedback")).getText()).contains("Type a question first");
			assertThat(browser.findElement(By.id("prompt")).getDomAttribute("aria-invalid")).isEqualTo("true");
			assertThat(browser.findElements(By.cssSelector("#log .exchange"))).isEmpty();
			String example = examples.get(1).getText();
			examples.get(1).click();
			waitUntilDone(wait, browser);
			assertThat(browser.findElement(By.id("examples")).isDisplayed()).isFalse();
			assertThat(browser.findElement(By.id("prompt-feedback")).getText()).isEmpty();
			assertThat(this.stub.lastRequest().prompt()).isEqualTo(example);
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void answersRenderAsSanitizedMarkdownAndLongWordsWrap(@TempDir Path profile) throws Exception {
		assumeChromium();
		String longWord = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(12);
		this.stub.streamText("Here is **bold** and `code`:\n\n", "- one\n- two\n\n",
				"<img src=\"x\" onerror=\"document.title='pwned'\"> [home](javascript:alert(1)) ", longWord);
		ChromeDriver browser = startChromium(profile);
		try {
			WebDriverWait wait = open(browser);
			browser.findElement(By.id("prompt")).sendKeys("Show me markdown " + longWord);
			browser.findElement(By.id("send")).click();
			WebElement answer = waitUntilDone(wait, browser).findElement(By.className("answer"));
			assertThat(answer.findElement(By.tagName("strong")).getText()).isEqualTo("bold");
			assertThat(answer.findElement(By.tagName("code")).getText()).isEqualTo("code");
			assertThat(answer.findElements(By.cssSelector("ul > li"))).extracting(WebElement::getText)
				.containsExactly("one", "two");
			assertThat(answer.getText()).doesNotContain("**");
			assertThat(answer.findElements(By.cssSelector("[onerror]"))).isEmpty();
			assertThat(answer.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
			assertThat(browser.getTitle()).isNotEqualTo("pwned");
			Object overflow = browser.executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(((Number) overflow).intValue()).as("horizontal overflow in pixels").isLessThanOrEqualTo(0);
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void aPromptOf20KilobytesStreamsFromAPost(@TempDir Path profile) throws Exception {
		assumeChromium();
		String prompt = "lorem ipsum ".repeat(20 * 1024 / 12 + 1).strip() + " Summarise this.";
		assertThat(prompt.length()).isGreaterThan(20 * 1024);
		this.stub.streamText("A long ", "text about lorem ipsum.");
		ChromeDriver browser = startChromium(profile);
		try {
			WebDriverWait wait = open(browser);
			browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id("prompt")), prompt);
			browser.findElement(By.id("send")).click();
			WebElement exchange = waitUntilDone(wait, browser);
			assertThat(exchange.findElement(By.className("answer")).getText()).isEqualTo("A long text about lorem ipsum.");
			assertThat(exchange.findElement(By.className("usage")).getText()).startsWith("Tokens:");
		}
		finally {
			browser.quit();
		}
		assertThat(this.stub.lastRequest().prompt()).isEqualTo(prompt);
		assertThat(this.stub.lastRequest().isStreaming()).isTrue();
	}

	@Test
	void functionCallsShowAsATimelineBeforeTheAnswer(@TempDir Path profile) throws Exception {
		assumeChromium();
		this.stub.callFunction("currentWeather", Map.of("city", "Tokyo"));
		this.stub.replyText("It is **mild** in Tokyo.");
		ChromeDriver browser = startChromium(profile);
		try {
			WebDriverWait wait = open(browser);
			WebElement card = browser.findElement(By.cssSelector(".capability[data-endpoint='/api/tools']"));
			card.findElement(By.tagName("button")).click();
			wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(card, By.cssSelector(".timeline .final")));
			List<WebElement> steps = card.findElements(By.cssSelector(".timeline .step"));
			assertThat(steps).hasSize(2);
			assertThat(steps.get(0).findElement(By.className("step-call")).getText())
				.isEqualTo("\u2192 currentWeather(city: \"Tokyo\")");
			assertThat(steps.get(0).findElement(By.className("step-result")).getText()).contains("\"city\":\"Tokyo\"")
				.contains("temperatureCelsius");
			assertThat(steps.get(1).findElement(By.tagName("strong")).getText()).isEqualTo("mild");
			assertThat(card.findElement(By.tagName("pre")).isDisplayed()).as("raw JSON box").isFalse();
			screenshot(browser, "tool-call.png");
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void groundedAnswerCitesItsSourcesAsNumberedLinks(@TempDir Path profile) throws Exception {
		assumeChromium();
		this.stub.replyText("Spain won Euro 2024. It beat England in the final.")
			.withCitation("Spain won Euro 2024.", "https://www.uefa.com/euro2024/", "uefa.com")
			.withSearchQueries("euro 2024 winner");
		ChromeDriver browser = startChromium(profile);
		try {
			WebDriverWait wait = open(browser);
			WebElement card = browser.findElement(By.cssSelector(".capability[data-endpoint='/api/search']"));
			card.findElement(By.tagName("button")).click();
			wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(card, By.cssSelector("a.citation")));
			WebElement citation = card.findElement(By.cssSelector("a.citation"));
			assertThat(citation.getText()).isEqualTo("[1]");
			assertThat(citation.getDomAttribute("href")).isEqualTo("https://www.uefa.com/euro2024/");
			assertThat(citation.getDomAttribute("rel")).contains("noopener");
			WebElement source = card.findElement(By.cssSelector("ol.sources li a"));
			assertThat(source.getText()).isEqualTo("uefa.com");
			assertThat(source.getDomAttribute("href")).isEqualTo("https://www.uefa.com/euro2024/");
			assertThat(card.findElement(By.className("queries")).getText()).contains("euro 2024 winner");
			screenshot(browser, "grounded-answer.png");
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void errorsShowTheirReason(@TempDir Path profile) throws Exception {
		assumeChromium();
		this.stub.failWith(503, "The model is overloaded. Please try again later.")
			.withRetryDelay(Duration.ofMillis(10));
		ChromeDriver browser = startChromium(profile);
		try {
			WebDriverWait wait = open(browser);
			browser.findElement(By.id("prompt")).sendKeys("Hello?");
			browser.findElement(By.id("send")).click();
			WebElement exchange = wait
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .exchange[data-state='failed']")));
			assertThat(exchange.findElement(By.cssSelector(".usage.error")).getText())
				.contains("503 UNAVAILABLE: The model is overloaded")
				.doesNotContain("127.0.0.1");
			WebElement card = browser.findElement(By.cssSelector(".capability[data-endpoint='/api/tools']"));
			card.findElement(By.tagName("input")).clear();
			card.findElement(By.tagName("button")).click();
			wait.until(ExpectedConditions.textToBePresentInElement(card.findElement(By.tagName("pre")),
					"'prompt' must not be empty"));
			assertThat(card.findElement(By.tagName("pre")).getDomAttribute("class")).contains("error");
			screenshot(browser, "error.png");
		}
		finally {
			browser.quit();
		}
	}

	private WebDriverWait open(ChromeDriver browser) {
		browser.get("http://127.0.0.1:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "gemini-3.5-flash-lite"));
		return wait;
	}

	private static WebElement waitUntilDone(WebDriverWait wait, ChromeDriver browser) {
		return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .exchange[data-state='done']")));
	}

	private static void screenshot(ChromeDriver browser, String name) throws IOException {
		Path screenshot = Path.of("target", "browser-test", name);
		Files.createDirectories(screenshot.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(screenshot).isNotEmptyFile();
	}

	private static void assumeChromium() {
		assumeTrue(chromium != null && chromedriver != null,
				"No Chromium and ChromeDriver on the PATH (apt-get install chromium chromium-driver): skipped");
	}

	private static ChromeDriver startChromium(Path profile) throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * The executable named by the environment variable, else the first of the names found on the PATH.
	 */
	private static @Nullable Path executable(String variable, String... names) {
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
		}
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String name : names) {
			Path found = Stream.of(path.split(File.pathSeparator))
				.filter((directory) -> !directory.isBlank())
				.map((directory) -> Path.of(directory, name))
				.filter(Files::isExecutable)
				.findFirst()
				.orElse(null);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

}
