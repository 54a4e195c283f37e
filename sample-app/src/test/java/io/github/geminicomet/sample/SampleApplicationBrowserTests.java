package io.github.geminicomet.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * is installed; {@code .ci/run} installs it. The screenshot is {@code target/browser-test/chat.png}.
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
		assumeTrue(chromium != null && chromedriver != null,
				"No Chromium and ChromeDriver on the PATH (apt-get install chromium chromium-driver): skipped");
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
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "gemini-2.5-flash"));
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
			Path screenshot = Path.of("target", "browser-test", "chat.png");
			Files.createDirectories(screenshot.getParent());
			Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
					StandardCopyOption.REPLACE_EXISTING);
			assertThat(screenshot).isNotEmptyFile();
		}
		finally {
			browser.quit();
		}
		assertThat(this.stub.lastRequest().prompt()).isEqualTo("Why is the sky blue?");
		assertThat(this.stub.lastRequest().isStreaming()).isTrue();
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
