using Spectre.Console.Cli;

namespace KeyWarden.Cli;

/// <summary>
/// The few services commands receive (terminal, clock), so tests can substitute them. Spectre.Console.Cli
/// needs a registrar; a container library would be more than this needs.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar, ITypeResolver
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);

    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);

    public ITypeResolver Build() => this;

    public object? Resolve(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        if (_factories.TryGetValue(type, out var factories))
        {
            return factories[^1]();
        }

        // Spectre asks for IEnumerable<T> of optional extension points (help providers, interceptors).
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var registered = _factories.TryGetValue(element, out var all) ? all.Select(f => f()).ToArray() : [];
            var array = Array.CreateInstance(element, registered.Length);
            Array.Copy(registered, array, registered.Length);
            return array;
        }

        return type.IsAbstract || type.IsInterface || type.GetConstructors().Length == 0 ? null : Create(type);
    }

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list))
        {
            _factories[service] = list = [];
        }

        list.Add(factory);
    }

    // Commands are built by constructor injection from the registered services.
    private object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters()
            .Select(p => Resolve(p.ParameterType) ?? throw new InvalidOperationException($"cannot resolve {p.ParameterType.Name} for {type.Name}"))
            .ToArray();
        return constructor.Invoke(arguments);
    }
}
