using Xunit.Abstractions;
using Xunit.Sdk;

namespace FutureOfCustoms.Testing;

/// <summary>
/// A fact of a contract suite (written once in an abstract class, run by one derived class per provider):
/// skipped like <see cref="E2EFactAttribute"/> when the deriving class is marked <see cref="RequiresToolsAttribute"/>
/// and a tool is missing on a developer machine, never on CI.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("FutureOfCustoms.Testing.ContractFactDiscoverer", "FutureOfCustoms.Testing")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>The tools every test of the class needs (e.g. Node and node_modules for Azurite).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresToolsAttribute(params RequiredTool[] tools) : Attribute
{
    public IReadOnlyList<RequiredTool> Tools { get; } = tools;
}

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);

        // The class under test is the deriving one, so one contract method is skipped for one provider only.
        var tools = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresToolsAttribute))
            .SelectMany(a => a.GetConstructorArguments().OfType<RequiredTool[]>().SelectMany(t => t))
            .ToList();
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (ToolPaths.SkipUnlessCi(tools) is { } skip)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
